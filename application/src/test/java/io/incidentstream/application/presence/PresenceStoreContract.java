package io.incidentstream.application.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.port.out.PresenceStore;
import java.time.Instant;
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
        assertThat(store.add(incident, "tab-2", "alice", "Alice", T0.plusSeconds(5))).isTrue();
        assertThat(store.add(incident, "tab-1", "alice", "Alice", T0)).isTrue();
        assertThat(store.add(incident, "bob-1", "bob", null, T0.plusSeconds(2))).isTrue();

        assertThat(store.watchers(incident)).containsExactly(new Watcher("alice", "Alice", T0),
                new Watcher("bob", null, T0.plusSeconds(2)));
        assertThat(store.watchers()).isEqualTo(2);
        assertThat(store.watchedIncidents()).isEqualTo(1);

        assertThat(store.remove(incident, "tab-1")).isTrue();
        assertThat(store.watchers(incident)).containsExactly(new Watcher("bob", null, T0.plusSeconds(2)),
                new Watcher("alice", "Alice", T0.plusSeconds(5)));
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
    void theLastSessionLeaving_emptiesTheIncident() {
        store.add(incident, "s1", "alice", null, T0);
        store.add(UUID.randomUUID(), "s1", "alice", null, T0);
        store.remove(incident, "s1");

        assertThat(store.watchers(incident)).isEmpty();
        assertThat(store.watchedIncidents()).isEqualTo(1);
        assertThat(store.watchers()).isEqualTo(1);
    }
}
