package io.incidentstream.application.alerts;

import static io.incidentstream.application.alerts.Notifications.ENDS;
import static io.incidentstream.application.alerts.Notifications.STARTS;
import static io.incidentstream.application.alerts.Notifications.firing;
import static io.incidentstream.application.alerts.Notifications.group;
import static io.incidentstream.application.alerts.Notifications.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.alerts.AlertIntakeSettings.IncidentPer;
import io.incidentstream.application.port.in.AlertIntakeResult;
import io.incidentstream.application.port.in.AlertNotification;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentResolved;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
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
    void aMoreUrgentAlertJoiningTheGroup_escalatesItsIncident_once_andALessUrgentOneChangesNothing() {
        fixture.accept(group(GROUP, withSeverity(firing("a1"), "warning")));
        IncidentCreated created = (IncidentCreated) fixture.publisher.events().get(1);
        assertThat(created.incident().severity()).isEqualTo(Severity.P3);

        AlertIntakeResult.Accepted result = fixture.accept(
                group(GROUP, withSeverity(firing("a1"), "warning"), withSeverity(firing("a2"), "critical")));

        // The answer's counts are the contract's: the escalation is not one of them.
        assertThat(result).isEqualTo(new AlertIntakeResult.Accepted(2, 0, 0, 2));
        List<Event> escalations = fixture.publisher.events().stream()
                .filter(Escalated.class::isInstance)
                .toList();
        assertThat(escalations).singleElement().isInstanceOfSatisfying(Escalated.class, e -> {
            assertThat(e.incidentId()).isEqualTo(created.incident().id());
            assertThat(e.fromSeverity()).isEqualTo(Severity.P3);
            assertThat(e.toSeverity()).isEqualTo(Severity.P1);
            assertThat(e.reason()).isEqualTo("an alert of the same group is P1: Checkout p99 above 2 s");
        });
        // Repeated (repeat_interval, an HA replica), with a less urgent alert besides: nothing more.
        fixture.accept(group(
                GROUP,
                withSeverity(firing("a1"), "warning"),
                withSeverity(firing("a2"), "critical"),
                withSeverity(firing("a3"), "info")));
        assertThat(fixture.publisher.types()).filteredOn("escalated"::equals).hasSize(1);
        assertThat(fixture.publisher
                        .incident(created.incident().id())
                        .orElseThrow()
                        .severity())
                .isEqualTo(Severity.P1);
    }

    @Test
    void alertsOfMixedUrgencyOpeningAGroup_openItAtTheFirstsSeverity_thenEscalateItInTheSameBatch() {
        fixture.accept(group(
                GROUP,
                withSeverity(firing("a1"), "info"),
                withSeverity(firing("a2"), "warning"),
                withSeverity(firing("a3"), "P0")));

        assertThat(fixture.publisher.types())
                .containsExactly(
                        "alert_received",
                        "incident_created",
                        "alert_converted",
                        "alert_received",
                        "escalated",
                        "alert_received",
                        "escalated");
        List<Escalated> escalations = fixture.publisher.events().stream()
                .filter(Escalated.class::isInstance)
                .map(Escalated.class::cast)
                .toList();
        assertThat(escalations).extracting(Escalated::fromSeverity).containsExactly(Severity.P4, Severity.P3);
        assertThat(escalations).extracting(Escalated::toSeverity).containsExactly(Severity.P3, Severity.P0);
    }

    @Test
    void anIncidentAPersonLowered_isNotEscalatedAgainByARepeatOfTheAlertThatEscalatedIt() {
        fixture.accept(group(GROUP, withSeverity(firing("a1"), "warning")));
        IncidentCreated created = (IncidentCreated) fixture.publisher.events().get(1);
        fixture.accept(group(GROUP, withSeverity(firing("a1"), "warning"), withSeverity(firing("a2"), "critical")));
        Incident escalated = fixture.publisher.incident(created.incident().id()).orElseThrow();
        assertThat(escalated.severity()).isEqualTo(Severity.P1);
        // Someone judges it a P2 after all.
        fixture.publisher.put(escalated.withSeverity(Severity.P2, escalated.updatedAt()));

        fixture.accept(group(GROUP, withSeverity(firing("a1"), "warning"), withSeverity(firing("a2"), "critical")));

        assertThat(fixture.publisher.types()).filteredOn("escalated"::equals).hasSize(1);
        // A new urgent alert in the group still escalates it.
        fixture.accept(group(
                GROUP,
                withSeverity(firing("a1"), "warning"),
                withSeverity(firing("a2"), "critical"),
                withSeverity(firing("a4"), "critical")));
        assertThat(fixture.publisher.types()).filteredOn("escalated"::equals).hasSize(2);
    }

    @Test
    void anIncidentResolvedByAPerson_isNotEscalatedByTheGroupsNextAlert() {
        fixture.accept(group(GROUP, withSeverity(firing("a1"), "warning")));
        IncidentCreated created = (IncidentCreated) fixture.publisher.events().get(1);
        fixture.publisher.put(created.incident()
                .withState(IncidentState.RESOLVED, created.incident().updatedAt()));

        fixture.accept(group(GROUP, withSeverity(firing("a1"), "warning"), withSeverity(firing("a2"), "critical")));

        assertThat(fixture.publisher.types()).doesNotContain("escalated");
    }

    private static AlertNotification.Alert withSeverity(AlertNotification.Alert alert, String severity) {
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>(alert.labels());
        labels.put("severity", severity);
        return Notifications.withLabels(alert, labels, alert.annotations());
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
    void wholeGroupResolved_atTheEndOfTheAlertThatEndedLast_whoseResolveTheTimelineNames_whateverTheirOrder() {
        fixture.accept(group(GROUP, firing("a1"), firing("a2")));
        Instant a2Ended = ENDS.plusSeconds(1200);

        fixture.accept(group(GROUP, resolved("a2", STARTS, a2Ended), resolved("a1")));

        IncidentResolved resolution = fixture.publisher.events().stream()
                .filter(IncidentResolved.class::isInstance)
                .map(IncidentResolved.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(resolution.incident().resolution().resolvedAt()).isEqualTo(a2Ended);
        var entry = resolution
                .incident()
                .timeline()
                .get(resolution.incident().timeline().size() - 1);
        assertThat(entry.eventType()).isEqualTo("alert_resolved");
        assertThat(entry.timestamp()).isEqualTo(a2Ended);
        assertThat(entry.metadata()).containsEntry("fingerprint", "a2");
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
