package io.incidentstream.application.alerts;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.SequentialIds;
import io.incidentstream.application.port.in.AlertIntakeResult;
import io.incidentstream.application.port.in.AlertNotification;
import io.incidentstream.application.port.out.AlertEpisodes;
import java.time.Duration;

/** An intake over a recording publisher, in-memory episodes, a fake clock and sequential ids. */
final class IntakeFixture {

    final FakeClock clock = new FakeClock();
    final SequentialIds ids = new SequentialIds();
    final RecordingPublisher publisher = new RecordingPublisher();
    final CountingAlertMetrics metrics = new CountingAlertMetrics();
    final AlertEpisodes episodes;
    final AlertIntakeService intake;

    IntakeFixture() {
        this(AlertIntakeSettings.defaults());
    }

    IntakeFixture(AlertIntakeSettings settings) {
        this(settings, new InMemoryAlertEpisodes(Duration.ofDays(7), 10_000));
    }

    IntakeFixture(AlertIntakeSettings settings, AlertEpisodes episodes) {
        this.episodes = episodes;
        // Sizes are measured by the JSON codec in the server; here a stand-in proportional to the text.
        this.intake = new AlertIntakeService(
                publisher,
                publisher,
                episodes,
                metrics,
                event -> event.toString().length(),
                settings,
                clock,
                ids);
    }

    AlertIntakeResult.Accepted accept(AlertNotification notification) {
        AlertIntakeResult result = intake.intake(notification);
        if (result instanceof AlertIntakeResult.Accepted accepted) {
            return accepted;
        }
        throw new AssertionError("expected the notification to be accepted, got " + result);
    }
}
