package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.domain.event.SystemEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One shutdown path: refuse new events, tell every session to come back later, flush, close with 1001. */
class IncidentStreamShutdownTest {

    private final TestStream stream = new TestStream();

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void shutdown_sendsClosingWithReconnectAndARetryWithinTheWindow_thenClosesWith1001() {
        Client client = stream.connect();

        stream.stream.shutdown(Duration.ofSeconds(5));

        Closing closing = client.channel().next(Closing.class);
        assertThat(closing.code()).isEqualTo(CloseCode.GOING_AWAY);
        assertThat(closing.reconnect()).isTrue();
        assertThat(closing.retryAfterMs()).isBetween(0L, 10_000L);
        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.GOING_AWAY);
    }

    @Test
    void shutdown_returnsOnceEverySessionIsGone() {
        stream.connect();
        stream.connect();

        stream.stream.shutdown(Duration.ofSeconds(5));

        assertThat(stream.stream.statistics().statistics().activeConnections()).isZero();
    }

    @Test
    void afterShutdown_notReady_andPublishingIsRefused() {
        stream.stream.shutdown(Duration.ofSeconds(5));

        assertThat(stream.stream.lifecycle().ready()).isFalse();
        assertThat(stream.publish(new SystemEvent("c", "m", Map.of())))
                .isInstanceOfSatisfying(
                        PublishResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(PublishResult.Reason.SHUTTING_DOWN));
    }
}
