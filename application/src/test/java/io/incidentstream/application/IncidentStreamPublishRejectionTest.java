package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishResult.Reason;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every publish refused through the stream's publisher is counted by its reason. */
class IncidentStreamPublishRejectionTest {

    private static final int CAPACITY = 2;

    private final TestStream stream = new TestStream(StreamSettings.defaults().withBroadcastCapacity(CAPACITY));

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void batchLargerThanTheDispatchQueue_isRefused_andCountedAsBatchTooLarge() {
        PublishResult result = publish(CAPACITY + 1);

        assertThat(reasonOf(result)).isEqualTo(Reason.BATCH_TOO_LARGE);
        assertThat(stream.metrics.count("publishRejected:batch_too_large")).isEqualTo(1);
    }

    @Test
    void publishWhileTheDispatchQueueIsFull_isRefused_andCountedAsOverloaded() throws InterruptedException {
        stream.connect().subscribe("all", Filter.all());
        stream.encoder.hold();
        publish(1);
        stream.encoder.awaitBlocked();
        publish(CAPACITY - 1);

        PublishResult result = publish(1);

        assertThat(reasonOf(result)).isEqualTo(Reason.OVERLOADED);
        assertThat(stream.metrics.count("publishRejected:overloaded")).isEqualTo(1);
    }

    @Test
    void publishAfterShutdown_isRefused_andCountedAsShuttingDown() {
        stream.stream.lifecycle().shutdown(Duration.ZERO);

        PublishResult result = publish(1);

        assertThat(reasonOf(result)).isEqualTo(Reason.SHUTTING_DOWN);
        assertThat(stream.metrics.count("publishRejected:shutting_down")).isEqualTo(1);
    }

    @Test
    void eachRefusal_isCountedOnce_andAcceptedPublishesNotAtAll() {
        publish(1);
        publish(CAPACITY + 1);
        publish(CAPACITY + 1);

        assertThat(stream.metrics.count("publishRejected")).isEqualTo(2);
        assertThat(stream.metrics.count("publishRejected:batch_too_large")).isEqualTo(2);
    }

    @Test
    void notifierHelpers_goThroughTheCountingPublisher() {
        stream.stream.lifecycle().shutdown(Duration.ZERO);

        stream.stream.notifier().onSystemEvent("deploy", "v2", Map.of());

        assertThat(stream.metrics.count("publishRejected:shutting_down")).isEqualTo(1);
    }

    private PublishResult publish(int count) {
        List<Publication> batch = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> Publication.of(new SystemEvent("deploy", "v" + i, Map.of())))
                .toList();
        return stream.stream.publisher().publish(batch);
    }

    private static Reason reasonOf(PublishResult result) {
        assertThat(result).isInstanceOf(PublishResult.Rejected.class);
        return ((PublishResult.Rejected) result).reason();
    }
}
