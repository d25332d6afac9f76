package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.message.ErrorMessage;
import io.incidentstream.application.message.Pong;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncidentStreamPingTest {

    private final TestStream stream = new TestStream();

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void pingWithTimestamp_isAnsweredWithTheSameTimestamp() {
        Client client = stream.connect();

        client.session().ping("2024-05-01T12:00:00.123Z");
        client.session().ping(1714564800123L);

        assertThat(client.channel().next(Pong.class)).isEqualTo(new Pong("2024-05-01T12:00:00.123Z"));
        assertThat(client.channel().next(Pong.class)).isEqualTo(new Pong(1714564800123L));
    }

    @Test
    void pingWithoutTimestamp_isAnsweredWithServerTime() {
        Client client = stream.connect();
        stream.clock.advance(Duration.ofSeconds(7));

        client.session().ping(null);

        assertThat(client.channel().next(Pong.class)).isEqualTo(new Pong(FakeClock.START.plusSeconds(7)));
    }

    @Test
    void rejectedMessage_isAnsweredWithAnError_andTheSessionCarriesOn() {
        Client client = stream.connect();

        client.session().reject(ErrorCode.INVALID_MESSAGE, "unknown type 'hello'");
        client.session().ping("t");

        assertThat(client.channel().next(ErrorMessage.class))
                .isEqualTo(new ErrorMessage(ErrorCode.INVALID_MESSAGE, "unknown type 'hello'"));
        assertThat(client.channel().next(Pong.class)).isEqualTo(new Pong("t"));
        assertThat(client.channel().isClosed()).isFalse();
    }
}
