package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.message.ErrorMessage;
import io.incidentstream.application.message.Pong;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.settings.StreamSettings;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Beyond {@code max_messages_per_sec} a session's messages are refused, with one {@code RATE_LIMITED}
 * a second; refused for {@code rate_limit_close_after} seconds without a pause, it is closed with 4029.
 */
class IncidentStreamRateLimitTest {

    private static final int PER_SECOND = 5;
    private static final int CLOSE_AFTER = 3;

    private final TestStream stream = new TestStream(StreamSettings.defaults().toBuilder()
            .maxMessagesPerSecond(PER_SECOND)
            .rateLimitCloseAfter(CLOSE_AFTER)
            .build());

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void pingsWithinTheRate_areAllAnswered() {
        Client client = stream.connect();

        pings(client, 1, PER_SECOND);

        assertThat(pongs(client)).containsExactly(1, 2, 3, 4, 5);
        assertThat(errors(client)).isEmpty();
    }

    @Test
    void excessInOneSecond_getsExactlyOneRateLimitedError_andIsNotProcessed() {
        Client client = stream.connect();

        pings(client, 1, 12);

        assertThat(pongs(client)).containsExactly(1, 2, 3, 4, 5);
        assertThat(errors(client)).extracting(ErrorMessage::code).containsExactly(ErrorCode.RATE_LIMITED);
        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void excessInEachOfTwoSeconds_getsOneRateLimitedErrorPerSecond() {
        Client client = stream.connect();
        pings(client, 1, 8);

        stream.clock.advance(Duration.ofSeconds(1));
        pings(client, 101, 108);

        assertThat(pongs(client)).containsExactly(1, 2, 3, 4, 5, 101, 102, 103, 104, 105);
        assertThat(errors(client)).hasSize(2).allMatch(error -> error.code() == ErrorCode.RATE_LIMITED);
        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void rateLimitedError_comesRightAfterTheLastAnsweredMessage() {
        Client client = stream.connect();

        pings(client, 1, 7);

        List<ServerMessage> sent = client.channel().messages();
        assertThat(sent.get(sent.size() - 1)).isInstanceOf(ErrorMessage.class);
        assertThat(sent.get(sent.size() - 2)).isEqualTo(new Pong(5));
    }

    @Test
    void refusedMessages_areStillCountedAsReceived_andAsRateLimited() {
        Client client = stream.connect();

        pings(client, 1, 12);

        assertThat(stream.statistics().messagesReceived()).isEqualTo(12);
        assertThat(stream.metrics.count("messageReceived")).isEqualTo(12);
        assertThat(stream.metrics.count("rateLimited")).isEqualTo(7);
        assertThat(stream.metrics.count("abuseClosed")).isZero();
    }

    @Test
    void sustainedExcess_forCloseAfterSeconds_isSentClosing4029_thenClosedWith4029() {
        Client client = stream.connect();

        for (int second = 0; second <= CLOSE_AFTER; second++) {
            excessFor(client, second);
        }

        assertThat(client.channel().isClosed()).isTrue();
        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.TOO_MANY_MESSAGES);
        List<ServerMessage> sent = client.channel().messages();
        assertThat(sent.get(sent.size() - 1)).isInstanceOfSatisfying(Closing.class, closing -> {
            assertThat(closing.code()).isEqualTo(CloseCode.TOO_MANY_MESSAGES);
            assertThat(closing.retryAfterMs()).isNotNull().isPositive();
        });
        assertThat(errors(client)).hasSize(CLOSE_AFTER);
        assertThat(stream.metrics.count("abuseClosed")).isEqualTo(1);
        assertThat(stream.metrics.count("rateLimited")).isEqualTo(CLOSE_AFTER + 1);
        assertThat(stream.statistics().activeConnections()).isZero();
    }

    @Test
    void excessForLessThanCloseAfterSeconds_keepsTheSessionOpen() {
        Client client = stream.connect();

        for (int second = 0; second < CLOSE_AFTER; second++) {
            excessFor(client, second);
        }

        assertThat(client.channel().isClosed()).isFalse();
        assertThat(stream.metrics.count("abuseClosed")).isZero();
    }

    @Test
    void aQuietSecond_betweenExcesses_keepsTheSessionOpen() {
        Client client = stream.connect();
        int second = 0;
        for (int i = 0; i < CLOSE_AFTER; i++, second++) {
            excessFor(client, second);
        }
        pings(client, second * 100 + 1, second * 100 + PER_SECOND);
        stream.clock.advance(Duration.ofSeconds(1));
        second++;
        for (int i = 0; i < CLOSE_AFTER; i++, second++) {
            excessFor(client, second);
        }

        assertThat(client.channel().isClosed()).isFalse();
        assertThat(errors(client)).hasSize(2 * CLOSE_AFTER);
    }

    @Test
    void closedAbuser_thatKeepsSendingBeforeItsCloseIsReported_isCountedOnce() {
        Client client = stream.connectWithoutCloseReport();
        for (int second = 0; second < CLOSE_AFTER + 3; second++) {
            excessFor(client, second);
        }

        assertThat(client.channel().closeCode()).isEqualTo(CloseCode.TOO_MANY_MESSAGES);
        assertThat(client.channel().messages(Closing.class)).hasSize(1);
        assertThat(stream.metrics.count("abuseClosed")).isEqualTo(1);
    }

    /** One message more than the rate in this second, then the clock moves to the next second. */
    private void excessFor(Client client, int second) {
        pings(client, second * 100 + 1, second * 100 + PER_SECOND + 1);
        stream.clock.advance(Duration.ofSeconds(1));
    }

    private static void pings(Client client, int from, int to) {
        IntStream.rangeClosed(from, to).forEach(client.session()::ping);
    }

    private static List<Object> pongs(Client client) {
        return client.channel().messages(Pong.class).stream()
                .map(Pong::timestamp)
                .toList();
    }

    private static List<ErrorMessage> errors(Client client) {
        return client.channel().messages(ErrorMessage.class);
    }
}
