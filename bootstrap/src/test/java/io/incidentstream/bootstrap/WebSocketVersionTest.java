package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upgrade in another WebSocket version than 13 is refused as RFC 6455 asks: 426 with the version
 * this server speaks, so the client can retry in it; a plain GET stays 400.
 */
@Timeout(30)
class WebSocketVersionTest {

    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";

    @RegisterExtension
    final RunningServer server = new RunningServer();

    @Test
    void anUpgradeInVersion8_is426_namingVersion13() throws Exception {
        RawWire.Response refused = upgrade("8");

        assertThat(refused.status()).isEqualTo(426);
        assertThat(refused.header("Sec-WebSocket-Version")).isEqualTo("13");
        assertThat(refused.header("Upgrade")).isEqualTo("websocket");
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("UPGRADE_REQUIRED");
        assertThat(refused.json().at("/error/message").asText()).contains("version 8");
    }

    @Test
    void anUpgradeInVersion13_isAccepted_andAGetWithoutUpgradeIs400_whateverVersionItNames() throws Exception {
        RawWire.Response upgraded = upgrade("13");
        RawWire.Response plain = RawWire.request(server.port(), "GET /ws", List.of("Sec-WebSocket-Version: 8"), null);

        assertThat(upgraded.status()).isEqualTo(101);
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.json().at("/error/code").asText()).isEqualTo("UPGRADE_REQUIRED");
    }

    private RawWire.Response upgrade(String version) throws Exception {
        return RawWire.request(
                server.port(),
                "GET /ws",
                List.of("Upgrade: websocket", "Connection: Upgrade", KEY, "Sec-WebSocket-Version: " + version),
                null);
    }
}
