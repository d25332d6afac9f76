package io.incidentstream.application.alerts;

import static io.incidentstream.application.alerts.Notifications.firing;
import static io.incidentstream.application.alerts.Notifications.of;
import static io.incidentstream.application.alerts.Notifications.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.in.AlertIntakeResult;
import io.incidentstream.application.port.in.AlertNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * The same notification delivered many times at once (retries, HA replicas) opens one incident and
 * resolves it once: the episode store's atomic step decides, whatever the interleaving.
 */
@Timeout(30)
class AlertIntakeConcurrencyTest {

    private static final int SENDERS = 8;

    private final IntakeFixture fixture = new IntakeFixture();
    private final ExecutorService pool = Executors.newFixedThreadPool(SENDERS);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @RepeatedTest(20)
    void sameFiringThenResolvedNotification_sentEightTimesAtOnce_opensOneIncident_andResolvesItOnce() throws Exception {
        List<AlertIntakeResult.Accepted> firing = allAtOnce(of(firing("a1"), firing("a2")));

        assertThat(firing.stream()
                        .mapToInt(AlertIntakeResult.Accepted::incidentsOpened)
                        .sum())
                .isEqualTo(2);
        assertThat(firing.stream()
                        .mapToInt(AlertIntakeResult.Accepted::deduplicated)
                        .sum())
                .isEqualTo(2 * (SENDERS - 1));
        assertThat(fixture.publisher.types().stream().filter("incident_created"::equals))
                .hasSize(2);

        List<AlertIntakeResult.Accepted> resolving = allAtOnce(of(resolved("a1"), resolved("a2")));

        assertThat(resolving.stream()
                        .mapToInt(AlertIntakeResult.Accepted::incidentsResolved)
                        .sum())
                .isEqualTo(2);
        assertThat(fixture.publisher.types().stream().filter("incident_resolved"::equals))
                .hasSize(2);
    }

    private List<AlertIntakeResult.Accepted> allAtOnce(AlertNotification notification) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AlertIntakeResult.Accepted>> results = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Callable<AlertIntakeResult.Accepted> send = () -> {
                go.await();
                return fixture.accept(notification);
            };
            results.add(pool.submit(send));
        }
        go.countDown();
        List<AlertIntakeResult.Accepted> accepted = new ArrayList<>();
        for (Future<AlertIntakeResult.Accepted> result : results) {
            accepted.add(result.get(10, TimeUnit.SECONDS));
        }
        return accepted;
    }
}
