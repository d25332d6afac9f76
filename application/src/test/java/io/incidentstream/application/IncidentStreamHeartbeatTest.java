package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.Pong;
import io.incidentstream.application.settings.StreamSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every heartbeat pings each session's socket and sends browsers, which cannot see pings, a {@code pong}. */
class IncidentStreamHeartbeatTest {

    private final TestStream stream = new TestStream();

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void heartbeat_pingsEverySessionsChannel() {
        Client first = stream.connect();
        Client second = stream.connect();

        stream.maintenance().sendHeartbeats();

        assertThat(first.channel().pings()).isEqualTo(1);
        assertThat(second.channel().pings()).isEqualTo(1);
    }

    @Test
    void heartbeat_sendsEverySessionAPongWithServerTime() {
        Client first = stream.connect();
        Client second = stream.connect();
        stream.clock.advance(Duration.ofSeconds(30));

        stream.maintenance().sendHeartbeats();

        Pong expected = new Pong(FakeClock.START.plusSeconds(30));
        assertThat(first.channel().next(Pong.class)).isEqualTo(expected);
        assertThat(second.channel().next(Pong.class)).isEqualTo(expected);
    }

    @Test
    void eachHeartbeat_pingsAgain() {
        Client client = stream.connect();

        stream.maintenance().sendHeartbeats();
        stream.maintenance().sendHeartbeats();

        assertThat(client.channel().pings()).isEqualTo(2);
        assertThat(client.channel().messages(Pong.class)).hasSize(2);
    }

    @Test
    void closedSession_isNoLongerPinged() {
        Client client = stream.connect();
        client.session().disconnected();

        stream.maintenance().sendHeartbeats();

        assertThat(client.channel().pings()).isZero();
        assertThat(client.channel().messages(Pong.class)).isEmpty();
    }

    @Test
    void answeredHeartbeats_areCounted() {
        Client first = stream.connect();
        Client second = stream.connect();
        stream.maintenance().sendHeartbeats();

        first.session().heartbeatAnswered();
        second.session().heartbeatAnswered();
        first.session().heartbeatAnswered();

        assertThat(stream.statistics().heartbeatsAnswered()).isEqualTo(3);
    }

    @Test
    void answeredHeartbeat_isNotAMessageAndIsNeverRateLimited() {
        TestStream strict = new TestStream(
                StreamSettings.defaults().toBuilder().maxMessagesPerSecond(1).build());
        try {
            Client client = strict.connect();

            for (int i = 0; i < 5; i++) {
                client.session().heartbeatAnswered();
            }

            assertThat(strict.statistics().messagesReceived()).isZero();
            assertThat(strict.metrics.count("rateLimited")).isZero();
            assertThat(strict.statistics().heartbeatsAnswered()).isEqualTo(5);
        } finally {
            strict.close();
        }
    }
}
