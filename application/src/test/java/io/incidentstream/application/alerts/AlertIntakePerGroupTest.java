package io.incidentstream.application.alerts;

import static io.incidentstream.application.alerts.Notifications.ENDS;
import static io.incidentstream.application.alerts.Notifications.STARTS;
import static io.incidentstream.application.alerts.Notifications.firing;
import static io.incidentstream.application.alerts.Notifications.group;
import static io.incidentstream.application.alerts.Notifications.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.alerts.AlertIntakeSettings.IncidentPer;
import io.incidentstream.application.port.in.AlertIntakeResult;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentResolved;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code alert_incident_per=group}: one incident per Alertmanager group while any of its alerts fires. */
@Timeout(10)
class AlertIntakePerGroupTest {

    private static final String GROUP = "{}:{alertname=\"HighLatency\"}";

    private final IntakeFixture fixture =
            new IntakeFixture(AlertIntakeSettings.defaults().withIncidentPer(IncidentPer.GROUP));

    @Test
    void alertsOfOneGroup_openOneIncident_withTheGroupKeyAsFingerprint_theOthersJoinIt() {
        AlertIntakeResult.Accepted result = fixture.accept(group(GROUP, firing("a1"), firing("a2")));

        assertThat(result).isEqualTo(new AlertIntakeResult.Accepted(2, 1, 0, 1));
        assertThat(fixture.publisher.types())
                .containsExactly("alert_received", "incident_created", "alert_converted", "alert_received");
        IncidentCreated created = (IncidentCreated) fixture.publisher.events().get(1);
        assertThat(created.incident().fingerprint()).isEqualTo(GROUP);
        AlertReceived second = (AlertReceived) fixture.publisher.events().get(3);
        assertThat(second.alert().incidentId()).isEqualTo(created.incident().id());
        assertThat(second.alert().deduplicated()).isTrue();
    }

    @Test
    void oneAlertResolving_whileTheGroupStillFires_isPublished_butResolvesNothing() {
        fixture.accept(group(GROUP, firing("a1"), firing("a2")));

        AlertIntakeResult.Accepted result = fixture.accept(group(GROUP, resolved("a1"), firing("a2")));

        assertThat(result).isEqualTo(new AlertIntakeResult.Accepted(2, 0, 0, 1));
        assertThat(fixture.publisher.types()).doesNotContain("incident_resolved");
        // That alert's resolve is published once, however often it is repeated.
        int before = fixture.publisher.events().size();
        fixture.accept(group(GROUP, resolved("a1"), firing("a2")));
        assertThat(fixture.publisher.events()).hasSize(before + 1);
    }

    @Test
    void wholeGroupResolved_resolvesItsIncidentOnce() {
        fixture.accept(group(GROUP, firing("a1"), firing("a2")));
        UUID incident =
                ((IncidentCreated) fixture.publisher.events().get(1)).incident().id();

        AlertIntakeResult.Accepted result = fixture.accept(group(GROUP, resolved("a1"), resolved("a2")));

        assertThat(result).isEqualTo(new AlertIntakeResult.Accepted(2, 0, 1, 0));
        List<Event> resolvedEvents = fixture.publisher.events().stream()
                .filter(IncidentResolved.class::isInstance)
                .toList();
        assertThat(resolvedEvents).hasSize(1);
        assertThat(resolvedEvents.get(0).incidentId()).isEqualTo(incident);
        assertThat(((IncidentResolved) resolvedEvents.get(0))
                        .incident()
                        .resolution()
                        .resolvedAt())
                .isEqualTo(ENDS);

        int before = fixture.publisher.events().size();
        assertThat(fixture.accept(group(GROUP, resolved("a1"), resolved("a2"))).incidentsResolved())
                .isZero();
        assertThat(fixture.publisher.events()).hasSize(before);
    }

    @Test
    void afterTheGroupResolved_aLateFiringReopensNothing_butAnAlertStartingLaterOpensANewIncident() {
        fixture.accept(group(GROUP, firing("a1")));
        fixture.accept(group(GROUP, resolved("a1")));

        assertThat(fixture.accept(group(GROUP, firing("a1", STARTS))).incidentsOpened())
                .isZero();
        assertThat(fixture.accept(group(GROUP, firing("a3", ENDS.plus(Duration.ofMinutes(5)))))
                        .incidentsOpened())
                .isEqualTo(1);
        assertThat(fixture.publisher.events().stream().filter(IncidentCreated.class::isInstance))
                .hasSize(2);
    }

    @Test
    void aLateCopyOfTheGroupsEarlierResolve_resolvesNothing_theNextIncidentStaysOpenUntilItsOwnResolve() {
        fixture.accept(group(GROUP, firing("a1")));
        fixture.accept(group(GROUP, resolved("a1")));
        Instant laterStart = ENDS.plus(Duration.ofMinutes(5));
        fixture.accept(group(GROUP, firing("a3", laterStart)));
        UUID next = ((IncidentCreated) fixture.publisher
                        .events()
                        .get(fixture.publisher.events().size() - 2))
                .incident()
                .id();
        int before = fixture.publisher.events().size();

        // An HA replica's copy, or a retry, of the first resolve arrives after the group fired again.
        assertThat(fixture.accept(group(GROUP, resolved("a1")))).isEqualTo(new AlertIntakeResult.Accepted(1, 0, 0, 0));
        assertThat(fixture.publisher.events()).hasSize(before);

        Instant laterEnd = laterStart.plus(Duration.ofMinutes(1));
        assertThat(fixture.accept(group(GROUP, resolved("a3", laterStart, laterEnd))))
                .isEqualTo(new AlertIntakeResult.Accepted(1, 0, 1, 0));
        IncidentResolved resolvedNext = (IncidentResolved)
                fixture.publisher.events().get(fixture.publisher.events().size() - 1);
        assertThat(resolvedNext.incidentId()).isEqualTo(next);
        assertThat(resolvedNext.incident().resolution().resolvedAt()).isEqualTo(laterEnd);
    }

    @Test
    void afterTheGroupResolved_aNewAlertOpensTheNextIncident_evenBehindALateOneInTheSameNotification() {
        fixture.accept(group(GROUP, firing("a1")));
        fixture.accept(group(GROUP, resolved("a1")));
        int before = fixture.publisher.events().size();

        AlertIntakeResult.Accepted result =
                fixture.accept(group(GROUP, firing("a1", STARTS), firing("a3", ENDS.plus(Duration.ofMinutes(5)))));

        assertThat(result).isEqualTo(new AlertIntakeResult.Accepted(2, 1, 0, 1));
        List<Event> published = fixture.publisher
                .events()
                .subList(before, fixture.publisher.events().size());
        assertThat(fixture.publisher
                        .types()
                        .subList(before, fixture.publisher.types().size()))
                .containsExactly("alert_received", "alert_received", "incident_created", "alert_converted");
        IncidentCreated created = (IncidentCreated) published.get(2);
        AlertReceived late = (AlertReceived) published.get(0);
        assertThat(late.alert().deduplicated()).isTrue();
        assertThat(late.alert().incidentId()).isNotEqualTo(created.incident().id());
        // A later repeat of both finds the new incident open: the new alert is a duplicate of it.
        AlertIntakeResult.Accepted repeat =
                fixture.accept(group(GROUP, firing("a1", STARTS), firing("a3", ENDS.plus(Duration.ofMinutes(5)))));
        assertThat(repeat).isEqualTo(new AlertIntakeResult.Accepted(2, 0, 0, 2));
    }
}
