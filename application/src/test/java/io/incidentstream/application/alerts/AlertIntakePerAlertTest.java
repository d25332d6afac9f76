package io.incidentstream.application.alerts;

import static io.incidentstream.application.alerts.Notifications.ENDS;
import static io.incidentstream.application.alerts.Notifications.firing;
import static io.incidentstream.application.alerts.Notifications.of;
import static io.incidentstream.application.alerts.Notifications.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.in.AlertIntakeResult;
import io.incidentstream.domain.event.AlertConverted;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentResolved;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.ResolutionMethod;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One incident per alert episode ({@code alert_incident_per=alert}, the default): a whole alert's life. */
@Timeout(10)
class AlertIntakePerAlertTest {

    private final IntakeFixture fixture = new IntakeFixture();

    @Test
    void firingAlert_ofANewEpisode_publishesTheAlert_opensAnIncident_andConvertsTheAlertToIt() {
        AlertIntakeResult.Accepted result = fixture.accept(of(firing("a1")));

        assertThat(result).isEqualTo(new AlertIntakeResult.Accepted(1, 1, 0, 0));
        List<Event> events = fixture.publisher.events();
        assertThat(fixture.publisher.types()).containsExactly("alert_received", "incident_created", "alert_converted");
        Incident incident = ((IncidentCreated) events.get(1)).incident();
        assertThat(incident.fingerprint()).isEqualTo("a1");
        assertThat(incident.source()).isEqualTo("alertmanager");
        assertThat(incident.state()).isEqualTo(IncidentState.DETECTED);
        AlertReceived received = (AlertReceived) events.get(0);
        assertThat(received.alert().incidentId()).isEqualTo(incident.id());
        assertThat(received.alert().deduplicated()).isFalse();
        AlertConverted converted = (AlertConverted) events.get(2);
        assertThat(converted.incidentId()).isEqualTo(incident.id());
        assertThat(converted.alert().externalId()).isEqualTo("a1");
    }

    @Test
    void sameNotificationAgain_publishesTheAlertAsDeduplicated_withTheIncident_andOpensNothing() {
        fixture.accept(of(firing("a1")));
        UUID incident =
                ((IncidentCreated) fixture.publisher.events().get(1)).incident().id();

        AlertIntakeResult.Accepted again = fixture.accept(of(firing("a1")));

        assertThat(again).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 0, 1));
        Event last = fixture.publisher.events().get(3);
        assertThat(last).isInstanceOf(AlertReceived.class);
        assertThat(((AlertReceived) last).alert().deduplicated()).isTrue();
        assertThat(((AlertReceived) last).alert().incidentId()).isEqualTo(incident);
        assertThat(fixture.publisher.events()).hasSize(4);
    }

    @Test
    void resolvedAlert_resolvesItsIncident_automatically_byAlertmanager_atEndsAt() {
        fixture.accept(of(firing("a1")));
        UUID incident =
                ((IncidentCreated) fixture.publisher.events().get(1)).incident().id();

        AlertIntakeResult.Accepted result = fixture.accept(of(resolved("a1")));

        assertThat(result).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 1, 0));
        assertThat(fixture.publisher.types()).endsWith("alert_received", "incident_resolved");
        Incident done = ((IncidentResolved) fixture.publisher.events().get(4)).incident();
        assertThat(done.id()).isEqualTo(incident);
        assertThat(done.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(done.resolution().resolutionMethod()).isEqualTo(ResolutionMethod.AUTOMATED);
        assertThat(done.resolution().resolvedBy()).isEqualTo("alertmanager");
        assertThat(done.resolution().resolvedAt()).isEqualTo(ENDS);
        assertThat(done.timeline()).extracting(t -> t.eventType()).containsExactly("alert_firing", "alert_resolved");
    }

    @Test
    void repeatedResolve_publishesNothing() {
        fixture.accept(of(firing("a1")));
        fixture.accept(of(resolved("a1")));
        int before = fixture.publisher.events().size();

        AlertIntakeResult.Accepted again = fixture.accept(of(resolved("a1")));

        assertThat(again).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 0, 0));
        assertThat(fixture.publisher.events()).hasSize(before);
    }

    @Test
    void lateFiringNotification_ofAResolvedEpisode_doesNotReopenIt_butIsPublishedAsDeduplicated() {
        fixture.accept(of(firing("a1")));
        UUID incident =
                ((IncidentCreated) fixture.publisher.events().get(1)).incident().id();
        fixture.accept(of(resolved("a1")));

        AlertIntakeResult.Accepted late = fixture.accept(of(firing("a1")));

        assertThat(late).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 0, 1));
        AlertReceived received = (AlertReceived) fixture.publisher.events().get(5);
        assertThat(received.alert().deduplicated()).isTrue();
        assertThat(received.alert().incidentId()).isEqualTo(incident);
    }

    @Test
    void sameAlertFiringAgainLater_isANewEpisode_andOpensANewIncident() {
        fixture.accept(of(firing("a1")));
        fixture.accept(of(resolved("a1")));

        AlertIntakeResult.Accepted again = fixture.accept(of(firing("a1", ENDS.plus(Duration.ofMinutes(10)))));

        assertThat(again.incidentsOpened()).isEqualTo(1);
        List<UUID> opened = fixture.publisher.events().stream()
                .filter(IncidentCreated.class::isInstance)
                .map(Event::incidentId)
                .toList();
        assertThat(opened).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void lateFiringOfAnEarlierEpisode_afterTheNextOpened_isPublishedWithItsOwnIncident_andOpensNothing() {
        fixture.accept(of(firing("a1")));
        UUID first =
                ((IncidentCreated) fixture.publisher.events().get(1)).incident().id();
        fixture.accept(of(resolved("a1")));
        fixture.accept(of(firing("a1", ENDS.plus(Duration.ofMinutes(10)))));
        int before = fixture.publisher.events().size();

        AlertIntakeResult.Accepted late = fixture.accept(of(firing("a1")));

        assertThat(late).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 0, 1));
        assertThat(fixture.publisher.events()).hasSize(before + 1);
        assertThat(((AlertReceived) fixture.publisher.events().get(before))
                        .alert()
                        .incidentId())
                .isEqualTo(first);
    }

    @Test
    void resolveOfAnEpisodeNeverSeenFiring_publishesTheAlertOnly_andALateFiringOpensNothing() {
        AlertIntakeResult.Accepted result = fixture.accept(of(resolved("a9")));

        assertThat(result).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 0, 0));
        assertThat(fixture.publisher.types()).containsExactly("alert_received");
        assertThat(((AlertReceived) fixture.publisher.events().get(0)).alert().incidentId())
                .isNull();

        AlertIntakeResult.Accepted late = fixture.accept(of(firing("a9")));
        assertThat(late).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 0, 1));
        assertThat(fixture.publisher.types()).doesNotContain("incident_created");
    }

    @Test
    void resolve_ofAnIncidentSomeoneAlreadyResolved_publishesNoSecondResolution() {
        fixture.accept(of(firing("a1")));
        Incident incident = ((IncidentCreated) fixture.publisher.events().get(1)).incident();
        fixture.publisher.put(incident.withState(IncidentState.CLOSED, incident.updatedAt()));

        AlertIntakeResult.Accepted result = fixture.accept(of(resolved("a1")));

        assertThat(result.incidentsResolved()).isZero();
        assertThat(fixture.publisher.types()).doesNotContain("incident_resolved");
    }

    @Test
    void resolve_ofAnIncidentTheViewHasForgotten_stillResolvesIt_rebuiltFromTheAlert() {
        fixture.accept(of(firing("a1")));
        UUID incident =
                ((IncidentCreated) fixture.publisher.events().get(1)).incident().id();
        fixture.publisher.forget(incident);

        fixture.accept(of(resolved("a1")));

        Incident done = ((IncidentResolved) fixture.publisher.events().get(4)).incident();
        assertThat(done.id()).isEqualTo(incident);
        assertThat(done.fingerprint()).isEqualTo("a1");
        assertThat(done.title()).isEqualTo("Checkout p99 above 2 s");
    }

    @Test
    void severalAlertsInOneNotification_eachOpensItsOwnIncident_inOneBatch() {
        AlertIntakeResult.Accepted result = fixture.accept(of(firing("a1"), firing("a2"), firing("a1")));

        assertThat(result).isEqualTo(new AlertIntakeResult.Accepted(3, 2, 0, 1));
        assertThat(fixture.publisher.types())
                .containsExactly(
                        "alert_received",
                        "incident_created",
                        "alert_converted",
                        "alert_received",
                        "incident_created",
                        "alert_converted",
                        "alert_received");
    }

    @Test
    void metrics_countWhatWasPublished_perSource() {
        fixture.accept(of(firing("a1"), firing("a2")));
        fixture.accept(of(firing("a1")));
        fixture.accept(of(resolved("a1")));

        assertThat(fixture.metrics.count("received:alertmanager")).isEqualTo(4);
        assertThat(fixture.metrics.count("opened:alertmanager")).isEqualTo(2);
        assertThat(fixture.metrics.count("deduplicated:alertmanager")).isEqualTo(1);
        assertThat(fixture.metrics.count("resolved:alertmanager")).isEqualTo(1);
    }
}
