package io.incidentstream.application.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.Await;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Pong;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transport whose client cannot send (Server-Sent Events) runs on the same session machinery as a
 * WebSocket: only what the channel says about itself differs, never the session's code path.
 */
@Timeout(10)
class OneWayTransportTest {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final TestStream stream = new TestStream(StreamSettings.defaults().toBuilder()
            .sessionTimeout(IDLE)
            .writeTimeout(WRITE_TIMEOUT)
            .build());

    @AfterEach
    void close() {
        stream.close();
    }

    private Client sse() {
        return stream.connect(new RecordingChannel("sse", false));
    }

    @Test
    void oneWaySession_isNeverClosedAsIdle_whileATwoWayOneIs() {
        Client sse = sse();
        Client ws = stream.connect();
        stream.clock.advance(IDLE.multipliedBy(3));

        stream.maintenance().closeIdleSessions();

        assertThat(sse.channel().isClosed()).isFalse();
        assertThat(ws.channel().closeCode()).isEqualTo(CloseCode.IDLE_TIMEOUT);
    }

    @Test
    void oneWaySession_whoseWritesStall_isClosedAsASlowConsumer_countedUnderItsTransport() {
        Client sse = sse();
        sse.channel().hold();
        stream.maintenance().sendHeartbeats();
        stream.clock.advance(WRITE_TIMEOUT);

        stream.maintenance().closeStalledSessions();

        assertThat(sse.channel().closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(stream.metrics.count("slowConsumerClosed:sse")).isEqualTo(1);
        assertThat(stream.metrics.count("slowConsumerClosed:ws")).isZero();
    }

    @Test
    void heartbeat_queuesThePongMessageBehindEvents_whichTheTransportFramesItsOwnWay() {
        Client sse = sse();
        sse.subscribe("all", Filter.all());
        long seq = stream.publishAccepted(new SystemEvent("deploy", "v1", Map.of()));
        Await.until(() -> !sse.channel().messages(EventMessage.class).isEmpty(), "the event is written");

        stream.maintenance().sendHeartbeats();

        assertThat(sse.channel().messages(EventMessage.class).get(0).event().seq())
                .isEqualTo(seq);
        assertThat(sse.channel().nextOf(Pong.class)).isNotNull();
        assertThat(sse.channel().pings()).isEqualTo(1);
    }

    @Test
    void sessionsAndDeliveries_areCountedUnderTheirTransport() {
        Client sse = sse();
        Client ws = stream.connect();
        sse.subscribe("all", Filter.all());
        ws.subscribe("all", Filter.all());
        stream.publishAccepted(new SystemEvent("deploy", "v1", Map.of()));
        Await.until(() -> stream.metrics.count("eventDelivered") == 2, "both deliveries");

        sse.session().disconnected();

        assertThat(stream.metrics.count("sessionOpened:sse")).isEqualTo(1);
        assertThat(stream.metrics.count("sessionOpened:ws")).isEqualTo(1);
        assertThat(stream.metrics.count("eventDelivered:sse")).isEqualTo(1);
        assertThat(stream.metrics.count("eventDelivered:ws")).isEqualTo(1);
        assertThat(stream.metrics.count("sessionClosed:sse")).isEqualTo(1);
        assertThat(stream.metrics.count("sessionClosed:ws")).isZero();
    }
}
