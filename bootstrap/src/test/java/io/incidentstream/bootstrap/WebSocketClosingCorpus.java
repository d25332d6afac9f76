package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.INVALID_UTF8;
import static io.incidentstream.bootstrap.BadInputCorpus.MAX_MESSAGE_BYTES;
import static io.incidentstream.bootstrap.BadInputCorpus.concat;

import io.incidentstream.adapters.websocket.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The WebSocket inputs that end the connection: messages over {@code max_message_bytes} (1009),
 * text that is not UTF-8 (1007) and broken framing (1002), each needing a connection of its own.
 * The frames the Jetty client will not send are written by {@link RawWire}.
 */
final class WebSocketClosingCorpus {

    /** What a client does on a fresh connection, and the close codes the server may answer with. */
    record ClientClose(String name, List<Integer> codes, ClientAction action) {

        ClientClose(String name, int code, ClientAction action) {
            this(name, List.of(code), action);
        }

        ClientClose(String name, int code, int orCode, ClientAction action) {
            this(name, List.of(code, orCode), action);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What is written on a fresh raw connection after the upgrade, and the close code it must get. */
    record RawClose(String name, int code, RawAction action) {

        @Override
        public String toString() {
            return name;
        }
    }

    interface ClientAction {
        void accept(TestClient client) throws Exception;
    }

    interface RawAction {
        void accept(RawWire.WebSocket socket) throws Exception;
    }

    private WebSocketClosingCorpus() {}

    /** A ping whose timestamp pads it to exactly {@code bytes} bytes of UTF-8. */
    static String pingOfBytes(int bytes) {
        String empty = "{\"type\":\"ping\",\"timestamp\":\"\"}";
        return "{\"type\":\"ping\",\"timestamp\":\"" + "x".repeat(bytes - empty.length()) + "\"}";
    }

    static List<ClientClose> clientCloses() {
        List<ClientClose> cases = new ArrayList<>();
        cases.add(new ClientClose(
                "ws: text one byte over max_message_bytes",
                1009,
                client -> client.send(pingOfBytes(MAX_MESSAGE_BYTES + 1))));
        // For a MiB, the server closes (1009) while the client is still sending most of it, so the unread rest
        // makes the server's socket close with a TCP reset, which can reach the client before the close
        // frame does: then the client sees 1006. "One byte over" pins the close code itself.
        cases.add(new ClientClose(
                "ws: text of 1 MiB", 1009, 1006, client -> client.send("[" + "1,".repeat(512 * 1024) + "1]")));
        cases.add(new ClientClose(
                "ws: binary one byte over max_message_bytes",
                1009,
                client -> client.sendBinary(new byte[MAX_MESSAGE_BYTES + 1])));
        cases.add(new ClientClose("ws: binary of 1 MiB", 1009, 1006, client -> client.sendBinary(new byte[1 << 20])));
        cases.add(new ClientClose("ws: fragmented text over max_message_bytes in total", 1009, client -> {
            client.session()
                    .sendPartialText("{\"type\":\"ping\",\"timestamp\":\"" + "y".repeat(40_000), false, Callback.NOOP);
            client.session().sendPartialText("y".repeat(40_000) + "\"}", true, Callback.NOOP);
        }));
        cases.add(new ClientClose(
                "ws: multi-byte text over max_message_bytes in bytes but not in chars",
                1009,
                client -> client.send("{\"type\":\"ping\",\"timestamp\":\"" + "\u00e9".repeat(40_000) + "\"}")));
        return cases;
    }

    static List<RawClose> rawCloses() {
        List<RawClose> raw = new ArrayList<>();
        INVALID_UTF8.forEach((name, bytes) -> raw.add(new RawClose(
                "ws raw: text frame with invalid UTF-8 " + name,
                1007,
                socket -> socket.text(concat(
                        "{\"type\":\"ping\",\"timestamp\":\"".getBytes(StandardCharsets.UTF_8),
                        bytes,
                        "\"}".getBytes(StandardCharsets.UTF_8))))));
        raw.add(new RawClose("ws raw: invalid UTF-8 split across fragments", 1007, socket -> {
            socket.frame(0x01, "{\"type\":\"ping\",\"timestamp\":\"\u00e2".getBytes(StandardCharsets.ISO_8859_1), true);
            socket.frame(0x80, new byte[] {0x28, (byte) 0xa1, '"', '}'}, true);
        }));
        raw.add(new RawClose(
                "ws raw: text as UTF-16",
                1007,
                socket -> socket.text("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_16))));
        raw.add(new RawClose(
                "ws raw: unmasked client frame",
                1002,
                socket -> socket.frame(0x81, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), false)));
        raw.add(new RawClose(
                "ws raw: reserved data opcode 0x3", 1002, socket -> socket.frame(0x83, new byte[] {1}, true)));
        raw.add(new RawClose(
                "ws raw: reserved control opcode 0xB", 1002, socket -> socket.frame(0x8B, new byte[0], true)));
        raw.add(new RawClose(
                "ws raw: RSV1 without an extension",
                1002,
                socket -> socket.frame(0xC1, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true)));
        raw.add(new RawClose(
                "ws raw: RSV2",
                1002,
                socket -> socket.frame(0xA1, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true)));
        raw.add(new RawClose(
                "ws raw: ping frame with 126 bytes", 1002, socket -> socket.frame(0x89, new byte[126], true)));
        raw.add(new RawClose("ws raw: fragmented ping frame", 1002, socket -> socket.frame(0x09, new byte[1], true)));
        raw.add(new RawClose(
                "ws raw: continuation without a start",
                1002,
                socket -> socket.frame(0x80, "{}".getBytes(StandardCharsets.UTF_8), true)));
        raw.add(new RawClose("ws raw: new text frame inside a fragmented one", 1002, socket -> {
            socket.frame(0x01, "{\"type\":".getBytes(StandardCharsets.UTF_8), true);
            socket.frame(0x81, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true);
        }));
        raw.add(new RawClose(
                "ws raw: close frame with a 1-byte payload", 1002, socket -> socket.frame(0x88, new byte[] {3}, true)));
        raw.add(new RawClose(
                "ws raw: close frame with code 999",
                1002,
                socket -> socket.frame(0x88, new byte[] {0x03, (byte) 0xe7}, true)));
        raw.add(new RawClose(
                "ws raw: close frame with a reason that is not UTF-8",
                1007,
                socket -> socket.frame(0x88, new byte[] {0x03, (byte) 0xe8, (byte) 0xff, (byte) 0xfe}, true)));
        return raw;
    }
}
