package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Subscriber tokens at the documented edge of 16 KiB (a scope listing many incident ids makes them):
 * accepted in the Authorization header and in the query up to 16,384 characters, refused above it as
 * documented (401 with {@code WWW-Authenticate} in the header; {@code closing} + 4001 in the query,
 * which a browser uses because it could not read a 401), never 431 or 414.
 */
@Timeout(60)
class LargeTokenTest {

    private static final int MAX = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of(
            "jwt_hs256_secret",
            SubscriberTokens.SECRET,
            "jwt_issuer",
            SubscriberTokens.ISSUER,
            "jwt_audience",
            SubscriberTokens.AUDIENCE));

    @Test
    void tokenOfAtMost16KiB_inTheHeader_opensASession() throws Exception {
        String token = tokenOfLength(MAX, false);

        try (RawWire.WebSocket socket =
                new RawWire.WebSocket(SERVER.port(), "/ws", List.of("Authorization: Bearer " + token))) {
            assertThat(socket.upgrade().status()).isEqualTo(101);
            assertThat(welcomedAndOpen(socket)).isTrue();
        }
    }

    @Test
    void tokenOver16KiB_inTheHeader_isRefusedWith401AndWwwAuthenticate() throws Exception {
        String token = tokenOfLength(MAX + 1, true);

        try (RawWire.WebSocket socket =
                new RawWire.WebSocket(SERVER.port(), "/ws", List.of("Authorization: Bearer " + token))) {
            RawWire.Response response = socket.upgrade();
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(response.json().path("error").path("message").asText())
                    .isEqualTo("token rejected: token too long");
        }
    }

    @Test
    void tokenOfAtMost16KiB_inTheQuery_opensASession() throws Exception {
        String token = tokenOfLength(MAX, false);

        try (RawWire.WebSocket socket = new RawWire.WebSocket(SERVER.port(), "/ws?access_token=" + token, List.of())) {
            assertThat(socket.upgrade().status()).isEqualTo(101);
            assertThat(welcomedAndOpen(socket)).isTrue();
        }
    }

    @Test
    void tokenOver16KiB_inTheQuery_isToldWhy_andClosedWith4001() throws Exception {
        String token = tokenOfLength(MAX + 1, true);

        try (RawWire.WebSocket socket = new RawWire.WebSocket(SERVER.port(), "/ws?access_token=" + token, List.of())) {
            assertThat(socket.upgrade().status()).isEqualTo(101);
            List<String> texts = new ArrayList<>();
            assertThat(socket.awaitClose(texts)).isEqualTo(4001);
            JsonNode closing = JSON.readTree(texts.get(texts.size() - 1));
            assertThat(closing.path("type").asText()).isEqualTo("closing");
            assertThat(closing.path("reason").asText()).isEqualTo("token rejected: token too long");
        }
    }

    /** Whether the server welcomed the session and then simply echoed our own close (1000). */
    private static boolean welcomedAndOpen(RawWire.WebSocket socket) throws Exception {
        socket.frame(0x88, new byte[] {0x03, (byte) 0xe8}, true);
        List<String> texts = new ArrayList<>();
        int code = socket.awaitClose(texts);
        return code == 1000
                && !texts.isEmpty()
                && JSON.readTree(texts.get(0)).path("type").asText().equals("welcome")
                && texts.stream().noneMatch(text -> text.contains("\"closing\""));
    }

    /**
     * A valid token as close to {@code length} characters as a signed JWT can be: at most
     * {@code length} (and at least two less) unless {@code over}, then more (and at most two more).
     * Base64 of the payload grows by one or two characters a byte, so not every length exists.
     */
    private static String tokenOfLength(int length, boolean over) {
        // Start a little short (base64 makes 4 characters of 3 bytes), then grow a byte at a time.
        StringBuilder padding = new StringBuilder("x".repeat(Math.max(0, length * 3 / 4 - 400)));
        String token = SubscriberTokens.hs256(SubscriberTokens.claims("large").claim("pad", padding.toString()));
        while (token.length() <= length) {
            padding.append('x');
            String next =
                    SubscriberTokens.hs256(SubscriberTokens.claims("large").claim("pad", padding.toString()));
            if (!over && next.length() > length) {
                break;
            }
            token = next;
        }
        if (over) {
            assertThat(token.length()).isBetween(length, length + 2);
        } else {
            assertThat(token.length()).isBetween(length - 2, length);
        }
        return token;
    }
}
