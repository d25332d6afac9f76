package io.incidentstream.application.engine;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.port.out.StreamEngine;
import io.incidentstream.application.port.out.StreamEngine.Appended;
import io.incidentstream.application.port.out.StreamEngine.Candidate;
import io.incidentstream.application.port.out.StreamEngine.Conflict;
import io.incidentstream.application.port.out.StreamEngine.Feed;
import io.incidentstream.application.port.out.StreamEngine.Logged;
import io.incidentstream.application.port.out.StreamEngine.StoredIncident;
import io.incidentstream.domain.event.CommentAdded;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every stream engine must do, whatever keeps the stream (centrifuge runs one broker test
 * suite against its memory and Redis brokers): a subclass per engine supplies a fresh, empty one.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class StreamEngineContract {

    /** The instant the events of these tests are accepted at: exact to the nanosecond. */
    protected static final Instant AT = Instant.parse("2026-12-04T10:15:30.123456789Z");

    /**
     * A fresh engine holding no stream yet, keeping {@code capacity} events and {@code maxIncidents}
     * incidents, and resolved and closed incidents for {@code closedRetention} after their last
     * change by {@code clock}.
     */
    protected abstract StreamEngine newEngine(int capacity, int maxIncidents, Duration closedRetention, Clock clock);

    /** A fresh engine whose resolved and closed incidents outlive the test. */
    protected StreamEngine newEngine(int capacity, int maxIncidents) {
        return newEngine(capacity, maxIncidents, Duration.ofDays(1), Clock.fixed(AT, ZoneOffset.UTC));
    }

    @Test
    void aNewStream_startsAtSeqZero_withAnEpochAndNoIncidents() {
        StreamEngine engine = newEngine(100, 100);

        StreamEngine.Origin origin = engine.open();

        assertThat(origin.epoch()).isNotBlank();
        assertThat(origin.seq()).isZero();
        assertThat(origin.incidents()).isEmpty();
    }

    @Test
    void appends_takeConsecutiveSeqs_acrossBatches_inTheOpenedEpoch() {
        StreamEngine engine = newEngine(100, 100);
        String epoch = engine.open().epoch();

        Appended first = (Appended) engine.append(List.of(system("a"), system("b")));
        Appended second = (Appended) engine.append(List.of(system("c")));

        assertThat(first).isEqualTo(new Appended(epoch, 1));
        assertThat(second).isEqualTo(new Appended(epoch, 3));
        assertThat(engine.open().seq()).isEqualTo(3);
    }

    @Test
    void read_returnsWhatWasAppended_inSeqOrder_exactly() {
        StreamEngine engine = newEngine(100, 100);
        Incident known = incident().severity(Severity.P2).build();
        Candidate escalated = new Candidate(
                UUID.randomUUID(),
                new Escalated(known.id(), Severity.P2, Severity.P0, "pager"),
                Priority.CRITICAL,
                AT,
                known,
                0,
                null);
        Candidate plain = system("after");
        engine.append(List.of(escalated, plain));

        Feed feed = engine.read(0, 10, Duration.ZERO);

        assertThat(feed.epoch()).isEqualTo(engine.open().epoch());
        assertThat(feed.events())
                .containsExactly(
                        new Logged(1, escalated.messageId(), escalated.event(), Priority.CRITICAL, AT, known),
                        new Logged(2, plain.messageId(), plain.event(), plain.priority(), AT, null));
    }

    @Test
    void read_startsAfterTheGivenSeq_andReturnsAtMostMax() {
        StreamEngine engine = newEngine(100, 100);
        for (int i = 0; i < 10; i++) {
            engine.append(List.of(system("m" + i)));
        }

        List<Logged> events = engine.read(4, 3, Duration.ZERO).events();

        assertThat(events).extracting(Logged::seq).containsExactly(5L, 6L, 7L);
        assertThat(engine.read(10, 3, Duration.ZERO).events()).isEmpty();
    }

    @Test
    void read_waitsForTheNextAppend() throws Exception {
        StreamEngine engine = newEngine(100, 100);
        engine.append(List.of(system("first")));

        CompletableFuture<Feed> waiting =
                CompletableFuture.supplyAsync(() -> engine.read(1, 10, Duration.ofSeconds(10)));
        Candidate next = system("second");
        long before = System.nanoTime();
        // The reader may or may not be waiting yet: either way it must see the append, long before its wait ends.
        engine.append(List.of(next));

        Feed feed = waiting.get(8, TimeUnit.SECONDS);
        assertThat(feed.events()).extracting(Logged::messageId).containsExactly(next.messageId());
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void read_withNothingNew_returnsEmptyAfterTheWait() {
        StreamEngine engine = newEngine(100, 100);
        engine.append(List.of(system("only")));
        long before = System.nanoTime();

        Feed feed = engine.read(1, 10, Duration.ofMillis(300));

        assertThat(feed.events()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void history_keepsTheLastCapacityEvents_soAReaderFurtherBehindSeesTheJump() {
        StreamEngine engine = newEngine(5, 100);
        for (int i = 0; i < 8; i++) {
            engine.append(List.of(system("m" + i)));
            // A reader that keeps up (a node's own): the bound applies to what it has read.
            engine.read(i, 100, Duration.ZERO);
        }
        engine.read(8, 100, Duration.ZERO);

        List<Logged> events = engine.read(0, 100, Duration.ZERO).events();

        assertThat(events).extracting(Logged::seq).containsExactly(4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void whatAnEventMadeOfItsIncident_isKept_withTheSeqAsVersion() {
        StreamEngine engine = newEngine(100, 100);
        Incident created = incident().build();
        engine.append(List.of(system("first")));

        engine.append(List.of(creating(created, 0)));

        assertThat(engine.open().incidents()).containsExactly(new StoredIncident(created, 2));
    }

    @Test
    void anAppendBasedOnAnOutdatedIncident_isRefusedWhole_withTheIncidentAsItStands() {
        StreamEngine engine = newEngine(100, 100);
        Incident created = incident().severity(Severity.P3).build();
        engine.append(List.of(creating(created, 0)));
        Incident stale = null;
        Candidate other = system("would be seq 2");
        Candidate basedOnStale = new Candidate(
                UUID.randomUUID(),
                new Escalated(created.id(), Severity.P3, Severity.P1, "x"),
                Priority.HIGH,
                AT,
                stale,
                0,
                created.withSeverity(Severity.P1, AT));

        Object result = engine.append(List.of(other, basedOnStale));

        assertThat(result).isEqualTo(new Conflict(Map.of(created.id(), new StoredIncident(created, 1))));
        assertThat(engine.open().seq()).isEqualTo(1);
        assertThat(engine.read(1, 10, Duration.ZERO).events()).isEmpty();
    }

    @Test
    void laterEventsOfABatch_buildOnTheEarlierOnes() {
        StreamEngine engine = newEngine(100, 100);
        Incident created = incident().severity(Severity.P3).build();
        Incident escalated = created.withSeverity(Severity.P1, AT);

        Object result = engine.append(List.of(
                creating(created, 0),
                new Candidate(
                        UUID.randomUUID(),
                        new Escalated(created.id(), Severity.P3, Severity.P1, "x"),
                        Priority.HIGH,
                        AT,
                        created,
                        -1,
                        escalated)));

        assertThat(result).isInstanceOf(Appended.class);
        assertThat(engine.open().incidents()).containsExactly(new StoredIncident(escalated, 2));
    }

    @Test
    void retryingTheSameBatch_returnsTheFirstResult_withoutAppendingAgain() {
        StreamEngine engine = newEngine(100, 100);
        List<Candidate> batch = List.of(system("a"), system("b"));

        Object first = engine.append(batch);
        Object retried = engine.append(batch);

        assertThat(retried).isEqualTo(first);
        assertThat(engine.open().seq()).isEqualTo(2);
    }

    @Test
    void incidents_areBoundedByMaxIncidents_leastRecentlyChangedGoFirst() {
        StreamEngine engine = newEngine(100, 3);
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Incident created = incident().build();
            incidents.add(created);
            engine.append(List.of(creating(created, 0)));
        }

        assertThat(engine.open().incidents())
                .extracting(StoredIncident::incident)
                .containsExactlyInAnyOrderElementsOf(incidents.subList(2, 5));
    }

    @Test
    void resolvedIncidents_areForgottenARetentionAfterTheirLastChange_anEventAboutOneFindsItUnknown() {
        FakeClock clock = new FakeClock(AT);
        StreamEngine engine = newEngine(100, 100, Duration.ofMinutes(10), clock);
        Incident active = incident().build();
        Incident resolved = incident().state(IncidentState.RESOLVED).build();
        engine.append(List.of(creating(active, 0), creating(resolved, 0)));
        clock.advance(Duration.ofMinutes(9));
        assertThat(engine.open().incidents()).hasSize(2);

        clock.advance(Duration.ofMinutes(2));
        Candidate aboutTheForgotten = new Candidate(
                UUID.randomUUID(), new CommentAdded(resolved.id(), "ann", "late", AT), Priority.LOW, AT, null, 0, null);

        assertThat(engine.append(List.of(aboutTheForgotten))).isInstanceOf(Appended.class);
        assertThat(engine.open().incidents())
                .extracting(StoredIncident::incident)
                .containsExactly(active);
    }

    protected static Candidate system(String message) {
        Event event = new SystemEvent("test", message, Map.of("k", "v"));
        return new Candidate(UUID.randomUUID(), event, Priority.LOW, AT, null, -1, null);
    }

    protected static Candidate creating(Incident incident, long expectedVersion) {
        return new Candidate(
                UUID.randomUUID(), new IncidentCreated(incident), Priority.NORMAL, AT, null, expectedVersion, incident);
    }
}
