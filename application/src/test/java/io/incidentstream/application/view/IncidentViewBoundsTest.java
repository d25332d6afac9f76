package io.incidentstream.application.view;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The view is bounded: by a count (least recently changed first, resolved and closed before active) and by retention. */
class IncidentViewBoundsTest {

    private final FakeClock clock = new FakeClock();

    /** Puts {@code incident}, then lets a second pass, so that every put has its own change time. */
    private Incident put(IncidentView view, Incident incident) {
        view.put(incident);
        clock.advance(Duration.ofSeconds(1));
        return incident;
    }

    @Test
    void beyondMaxIncidents_theLeastRecentlyChangedGoesFirst() {
        IncidentView view = new IncidentView(3, Duration.ofDays(1), clock);
        Incident a = put(view, incident().build());
        Incident b = put(view, incident().build());
        Incident c = put(view, incident().build());
        put(view, incident().id(a.id()).title("touched again").build());

        Incident d = put(view, incident().build());

        assertThat(view.size()).isEqualTo(3);
        assertThat(view.get(b.id())).as("least recently changed").isNull();
        assertThat(view.get(a.id())).isNotNull();
        assertThat(view.get(c.id())).isNotNull();
        assertThat(view.get(d.id())).isNotNull();
    }

    @Test
    void beyondMaxIncidents_resolvedAndClosedGoBeforeActive_evenWhenChangedMoreRecently() {
        IncidentView view = new IncidentView(3, Duration.ofDays(1), clock);
        Incident oldActive = put(view, incident().state(IncidentState.DETECTED).build());
        Incident closed = put(view, incident().state(IncidentState.CLOSED).build());
        Incident resolved = put(view, incident().state(IncidentState.RESOLVED).build());

        Incident newActive = put(view, incident().build());
        assertThat(view.get(closed.id()))
                .as("the least recently changed of the finished ones")
                .isNull();
        Incident newerActive = put(view, incident().build());

        assertThat(view.get(resolved.id())).isNull();
        assertThat(view.get(oldActive.id())).isNotNull();
        assertThat(view.get(newActive.id())).isNotNull();
        assertThat(view.get(newerActive.id())).isNotNull();
    }

    @Test
    void expire_forgetsResolvedAndClosedPastRetention_butKeepsActiveOnesAndRecentlyFinishedOnes() {
        IncidentView view = new IncidentView(100, Duration.ofHours(1), clock);
        Incident active = put(view, incident().state(IncidentState.REMEDIATING).build());
        Incident resolved = put(view, incident().state(IncidentState.RESOLVED).build());
        Incident closed = put(view, incident().state(IncidentState.CLOSED).build());
        clock.advance(Duration.ofMinutes(30));
        Incident recentlyClosed =
                put(view, incident().state(IncidentState.CLOSED).build());
        clock.advance(Duration.ofMinutes(31));

        view.expire();

        assertThat(view.get(resolved.id())).isNull();
        assertThat(view.get(closed.id())).isNull();
        assertThat(view.get(active.id())).isEqualTo(active);
        assertThat(view.get(recentlyClosed.id())).isEqualTo(recentlyClosed);
        assertThat(view.size()).isEqualTo(2);
    }

    @Test
    void expire_measuresRetentionFromTheLastChange() {
        IncidentView view = new IncidentView(100, Duration.ofHours(1), clock);
        Incident activeThenResolved = put(view, incident().build());
        clock.advance(Duration.ofMinutes(50));
        put(view, activeThenResolved.withState(IncidentState.RESOLVED, clock.instant()));
        clock.advance(Duration.ofMinutes(50));

        view.expire();

        assertThat(view.get(activeThenResolved.id())).isNotNull();
    }
}
