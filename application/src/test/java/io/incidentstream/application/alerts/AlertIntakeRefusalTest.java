package io.incidentstream.application.alerts;

import static io.incidentstream.application.alerts.Notifications.firing;
import static io.incidentstream.application.alerts.Notifications.labels;
import static io.incidentstream.application.alerts.Notifications.of;
import static io.incidentstream.application.alerts.Notifications.resolved;
import static io.incidentstream.application.alerts.Notifications.withLabels;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.in.AlertIntakeResult;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishResult.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A notification the stream refuses (503, 413) leaves no trace: nothing published, nothing counted,
 * and the episodes as they were, so that the sender's retry opens or resolves what the first try
 * would have.
 */
@Timeout(10)
class AlertIntakeRefusalTest {

    private final IntakeFixture fixture =
            new IntakeFixture(AlertIntakeSettings.defaults().withMaxEventBytes(4000));

    @Test
    void refusedFiring_isTakenBack_soTheRetryOpensTheIncident() {
        fixture.publisher.refuse(Reason.OVERLOADED);

        AlertIntakeResult refused = fixture.intake.intake(of(firing("a1")));

        assertThat(refused).isInstanceOf(AlertIntakeResult.Refused.class);
        assertThat(((AlertIntakeResult.Refused) refused).rejection().reason()).isEqualTo(Reason.OVERLOADED);
        assertThat(fixture.publisher.events()).isEmpty();
        assertThat(fixture.metrics.count("received:alertmanager")).isZero();

        fixture.publisher.refuse(null);
        assertThat(fixture.accept(of(firing("a1")))).isEqualTo(new AlertIntakeResult.Accepted(1, 1, 0, 0));
    }

    /**
     * The engine lost its connection mid-append: the incident may be published. Its step is not taken
     * back, so the retry goes on with the same incident instead of opening a second one (with Redis,
     * once the step's lease runs out, as EpisodeSteps describes).
     */
    @Test
    void aFiringWhosePublishMayHaveBeenStored_isNotTakenBack_soTheRetryKeepsItsIncident() {
        fixture.publisher.refuseWithOutcomeUnknown();

        AlertIntakeResult refused = fixture.intake.intake(of(firing("a1")));

        assertThat(((AlertIntakeResult.Refused) refused).rejection().mayHaveBeenPublished())
                .isTrue();
        fixture.publisher.refuse(null);
        AlertIntakeResult.Accepted retry = fixture.accept(of(firing("a1")));
        assertThat(retry.incidentsOpened()).as("no second incident").isZero();
        assertThat(fixture.publisher.types()).containsExactly("alert_received");
    }

    @Test
    void refusedResolve_isTakenBack_soTheRetryResolvesTheIncident() {
        fixture.accept(of(firing("a1")));
        fixture.publisher.refuse(Reason.SHUTTING_DOWN);

        assertThat(fixture.intake.intake(of(resolved("a1")))).isInstanceOf(AlertIntakeResult.Refused.class);

        fixture.publisher.refuse(null);
        assertThat(fixture.accept(of(resolved("a1"))).incidentsResolved()).isEqualTo(1);
        assertThat(fixture.publisher.types()).endsWith("incident_resolved");
    }

    @Test
    void aNotificationWhoseEventsOutgrowABatch_isRefusedInAlerts_namingTheSettingsToChange() {
        fixture.publisher.refuse(Reason.BATCH_TOO_LARGE);

        AlertIntakeResult refused = fixture.intake.intake(of(firing("a1"), firing("a2")));

        PublishResult.Rejected rejection = ((AlertIntakeResult.Refused) refused).rejection();
        assertThat(rejection.reason()).isEqualTo(Reason.BATCH_TOO_LARGE);
        assertThat(rejection.message())
                .startsWith("the 2 alerts of this notification give 6 events, more than one batch may hold"
                        + " (refused by the test); nothing was published")
                .endsWith("(max_alerts in the webhook receiver) or raise broadcast_capacity");
        fixture.publisher.refuse(null);
        assertThat(fixture.accept(of(firing("a1"))).incidentsOpened())
                .as("taken back")
                .isEqualTo(1);
    }

    @Test
    void anAlertWhoseEventWouldBeTooLarge_refusesTheWholeNotification_namingTheAlert() {
        String huge = "x".repeat(5000);

        AlertIntakeResult result = fixture.intake.intake(
                of(firing("a1"), withLabels(firing("a2"), labels("alertname", "Big"), labels("description", huge))));

        assertThat(result).isInstanceOf(AlertIntakeResult.EventTooLarge.class);
        AlertIntakeResult.EventTooLarge tooLarge = (AlertIntakeResult.EventTooLarge) result;
        assertThat(tooLarge.alertIndex()).isEqualTo(1);
        assertThat(tooLarge.sizeBytes()).isGreaterThan(4000);
        assertThat(tooLarge.maxEventBytes()).isEqualTo(4000);
        assertThat(fixture.publisher.events()).isEmpty();
        // a1's claim was taken back too: it opens its incident when sent alone.
        assertThat(fixture.accept(of(firing("a1"))).incidentsOpened()).isEqualTo(1);
    }
}
