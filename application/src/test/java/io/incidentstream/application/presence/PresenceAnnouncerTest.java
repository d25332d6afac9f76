package io.incidentstream.application.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.message.Presence;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Changes are announced at once after a quiet interval, then merged: at most one message per interval. */
@Timeout(20)
class PresenceAnnouncerTest {

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** Measured here, a little after the announcer takes its own time: a few milliseconds either way. */
    private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(15);

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final InMemoryPresenceStore store = new InMemoryPresenceStore();
    private final BlockingQueue<Presence> sent = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> sentAt = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final PresenceAnnouncer announcer = new PresenceAnnouncer(
            store,
            message -> {
                sentAt.add(System.nanoTime());
                sent.add(message);
            },
            timer,
            INTERVAL_NANOS,
            System::nanoTime);
    private final UUID incident = UUID.randomUUID();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void theFirstChange_isAnnouncedAtOnce_andLaterOnesMergedAtTheEndOfTheInterval() throws Exception {
        join("s1", "alice");
        Presence first = next();
        assertThat(first.joined()).containsExactly("alice");
        assertThat(first.left()).isEmpty();
        long firstAt = sentAt.take();

        join("s2", "bob");
        join("s3", "carol");
        leave("s1");
        Presence merged = next();
        long mergedAt = sentAt.take();
        assertThat(merged.joined()).containsExactly("bob", "carol");
        assertThat(merged.left()).containsExactly("alice");
        assertThat(merged.watchers()).extracting(w -> w.user()).containsExactly("bob", "carol");
        assertThat(mergedAt - firstAt).isGreaterThanOrEqualTo(INTERVAL_NANOS - SLACK_NANOS);
        assertThat(sent.poll(2 * INTERVAL_NANOS, TimeUnit.NANOSECONDS))
                .as("nothing more")
                .isNull();
    }

    @Test
    void joiningAndLeavingWithinOneInterval_announcesNothing() throws Exception {
        join("s1", "alice");
        next();
        join("s2", "bob");
        leave("s2");
        assertThat(sent.poll(3 * INTERVAL_NANOS, TimeUnit.NANOSECONDS)).isNull();
    }

    @Test
    void anIncidentLeftEmpty_isForgotten_afterTheInterval_butAJoinRightAfterStillWaits() throws Exception {
        join("s1", "alice");
        next();
        sentAt.take();
        leave("s1");
        Presence empty = next();
        long emptyAt = sentAt.take();
        assertThat(empty.watchers()).isEmpty();
        join("s2", "bob");
        next();
        assertThat(sentAt.take() - emptyAt).isGreaterThanOrEqualTo(INTERVAL_NANOS - SLACK_NANOS);
        leave("s2");
        next();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (announcer.tracked() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(announcer.tracked())
                .as("nothing kept for an incident nobody watches")
                .isZero();
    }

    private void join(String session, String user) {
        store.add(incident, session, user, null, T0);
        announcer.changed(incident);
    }

    private void leave(String session) {
        store.remove(incident, session);
        announcer.changed(incident);
    }

    private Presence next() throws InterruptedException {
        Presence message = sent.poll(5, TimeUnit.SECONDS);
        assertThat(message).as("a presence message within 5 s").isNotNull();
        return message;
    }
}
