package io.incidentstream.application.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.port.out.PresenceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PresenceStore} must do; each adapter's test extends this with its own store. */
public abstract class PresenceStoreContract {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final UUID incident = UUID.randomUUID();
    private PresenceStore store;

    protected abstract PresenceStore newStore();

    @BeforeEach
    void create() {
        store = newStore();
    }

    @Test
    void aUserWithSeveralSessions_isOneWatcher_sinceTheirEarliestCurrentWatch() {
        assertThat(store.add(incident, "tab-2", "alice", "Alice", T0.plusSeconds(5)))
                .isTrue();
        assertThat(store.add(incident, "tab-1", "alice", "Alice", T0)).isTrue();
        assertThat(store.add(incident, "bob-1", "bob", null, T0.plusSeconds(2))).isTrue();

        assertThat(store.watchers(incident))
                .containsExactly(new Watcher("alice", "Alice", T0), new Watcher("bob", null, T0.plusSeconds(2)));
        assertThat(store.watchers()).isEqualTo(2);
        assertThat(store.watchedIncidents()).isEqualTo(1);

        assertThat(store.remove(incident, "tab-1")).isTrue();
        assertThat(store.watchers(incident))
                .containsExactly(
                        new Watcher("bob", null, T0.plusSeconds(2)), new Watcher("alice", "Alice", T0.plusSeconds(5)));
        assertThat(store.watchers()).isEqualTo(2);
    }

    @Test
    void addingTwice_andRemovingWhatIsNotThere_changeNothing() {
        assertThat(store.add(incident, "s1", "alice", null, T0)).isTrue();
        assertThat(store.add(incident, "s1", "alice", null, T0.plusSeconds(9))).isFalse();
        assertThat(store.remove(incident, "s2")).isFalse();
        assertThat(store.remove(UUID.randomUUID(), "s1")).isFalse();
        assertThat(store.watchers(incident)).containsExactly(new Watcher("alice", null, T0));
    }

    @Test
    void aSessionWatchingAgain_underAnotherNameOrUser_changesNothing() {
        store.add(incident, "s1", "First", "First", T0);

        assertThat(store.add(incident, "s1", "Second", "Second", T0.plusSeconds(1)))
                .isFalse();
        assertThat(store.watchers(incident)).containsExactly(new Watcher("First", "First", T0));
    }

    @Test
    void theLastSessionLeaving_emptiesTheIncident() {
        store.add(incident, "s1", "alice", null, T0);
        store.add(UUID.randomUUID(), "s1", "alice", null, T0);
        store.remove(incident, "s1");

        assertThat(store.watchers(incident)).isEmpty();
        assertThat(store.watchedIncidents()).isEqualTo(1);
        assertThat(store.watchers()).isEqualTo(1);
    }

    @Test
    void aUsersName_comesFromAnyOfTheirSessionsThatHasOne() {
        store.add(incident, "tab-1", "alice", null, T0);
        store.add(incident, "tab-2", "alice", "Alice", T0.plusSeconds(1));

        assertThat(store.watchers(incident)).containsExactly(new Watcher("alice", "Alice", T0));
    }

    @Test
    void theListHandedOut_isImmutable_andStaysAsItWasWhenWatchesChangeLater() {
        store.add(incident, "s1", "alice", null, T0);
        List<Watcher> before = store.watchers(incident);

        store.add(incident, "s2", "bob", null, T0.plusSeconds(1));

        assertThat(before).containsExactly(new Watcher("alice", null, T0));
        assertThatThrownBy(() -> before.add(new Watcher("eve", null, T0)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(store.watchers(incident)).hasSize(2);
    }

    /** Joins and leaves in random order, several tabs per user, compared after each step with the rule itself. */
    @Test
    void aLongRandomStormOfJoinsAndLeaves_alwaysGivesTheWatchersTheRuleSays() {
        Random random = new Random(42);
        Map<String, Watch> current = new HashMap<>();
        for (int step = 0; step < 2_000; step++) {
            String session = "s" + random.nextInt(60);
            if (current.containsKey(session)) {
                assertThat(store.remove(incident, session)).isTrue();
                current.remove(session);
            } else {
                // Ten users over sixty sessions: most users have several tabs; equal times happen too.
                Watch watch = new Watch(
                        "u" + random.nextInt(10),
                        random.nextBoolean() ? null : "name",
                        T0.plusSeconds(random.nextInt(30)));
                assertThat(store.add(incident, session, watch.user(), watch.name(), watch.since()))
                        .isTrue();
                current.put(session, watch);
            }
            assertThat(store.watchers(incident)).as("after step %d", step).isEqualTo(expected(current));
        }
    }

    private record Watch(String user, String name, Instant since) {}

    /** The rule, computed from scratch: one watcher per user, the earliest since, by since then user. */
    private static List<Watcher> expected(Map<String, Watch> sessions) {
        Map<String, Instant> since = new HashMap<>();
        Map<String, Boolean> named = new HashMap<>();
        for (Watch watch : sessions.values()) {
            since.merge(watch.user(), watch.since(), (a, b) -> a.isBefore(b) ? a : b);
            named.merge(watch.user(), watch.name() != null, Boolean::logicalOr);
        }
        List<Watcher> watchers = new ArrayList<>();
        since.forEach((user, first) -> watchers.add(new Watcher(user, named.get(user) ? "name" : null, first)));
        watchers.sort(Comparator.comparing(Watcher::since).thenComparing(Watcher::user));
        return watchers;
    }
}
