package io.incidentstream.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Requests and WebSocket frames written byte by byte over a plain socket, for what ordinary clients
 * refuse to send: malformed query escapes, no {@code Content-Type}, bodies that are not UTF-8,
 * text frames that are not UTF-8, unmasked or reserved frames; and for reading the body of a refused
 * upgrade, which WebSocket clients hide.
 */
final class RawWire {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MILLIS = 10_000;

    private RawWire() {}

    /** An HTTP response as received. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The header, by case-insensitive name, or null. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(
                        "not a JSON body (status " + status + ", Content-Type " + header("content-type") + "): "
                                + abbreviate(text()),
                        e);
            }
        }

        @Override
        public String toString() {
            return status + " " + abbreviate(text());
        }
    }

    /**
     * Sends one request: {@code head} is the request line without the HTTP version (for example
     * {@code "POST /api/v1/events"}), {@code headers} are sent as given, followed by
     * {@code Content-Length} when {@code body} is not null and neither {@code Transfer-Encoding} nor
     * {@code Content-Length} was given.
     */
    static Response request(int port, String head, List<String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(
                    (head + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            boolean framed = false;
            for (String header : headers) {
                request.writeBytes((header + "\r\n").getBytes(StandardCharsets.UTF_8));
                String lower = header.toLowerCase(Locale.ROOT);
                framed |= lower.startsWith("transfer-encoding:") || lower.startsWith("content-length:");
            }
            if (body != null && !framed) {
                request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            request.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.writeBytes(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    /** An HTTP/1.1 response: status line, headers, then a chunked, sized or closed-delimited body. */
    static Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new EOFException("the connection closed before any response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in);
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    readLine(in);
                    break;
                }
                chunks.writeBytes(in.readNBytes(length));
                readLine(in);
            }
            body = chunks.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if (status == 101 || status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b == -1) {
                return line.size() == 0 && previous == -1 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    /** An upgrade of {@code GET path}, with {@code extraHeaders}; the response is read but the socket kept. */
    static final class WebSocket implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final Response upgrade;

        WebSocket(int port, String path, List<String> extraHeaders) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
            extraHeaders.forEach(header -> request.append(header).append("\r\n"));
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            upgrade = readResponse(in);
        }

        Response upgrade() {
            return upgrade;
        }

        /** One frame: {@code first} is FIN, RSV and opcode; masked with a fixed key unless {@code masked} is false. */
        void frame(int first, byte[] payload, boolean masked) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(first);
            int maskBit = masked ? 0x80 : 0;
            if (payload.length < 126) {
                frame.write(maskBit | payload.length);
            } else if (payload.length < 65_536) {
                frame.write(maskBit | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(maskBit | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) (((long) payload.length >>> shift) & 0xff));
                }
            }
            byte[] key = {0x12, 0x34, 0x56, 0x78};
            if (masked) {
                frame.write(key, 0, 4);
            }
            for (int i = 0; i < payload.length; i++) {
                frame.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
            }
            out.write(frame.toByteArray());
            out.flush();
        }

        /** A complete masked text frame carrying exactly {@code bytes}, valid UTF-8 or not. */
        void text(byte[] bytes) throws IOException {
            frame(0x81, bytes, true);
        }

        /**
         * Reads server frames until a close frame and returns its status code, collecting text
         * frames into {@code texts}; -1 when the connection ends without one (1006).
         */
        int awaitClose(List<String> texts) throws IOException {
            try {
                while (true) {
                    int first = in.read();
                    if (first == -1) {
                        return -1;
                    }
                    int second = in.read();
                    long length = second & 0x7f;
                    if (length == 126) {
                        length = (in.read() << 8) | in.read();
                    } else if (length == 127) {
                        length = 0;
                        for (int i = 0; i < 8; i++) {
                            length = (length << 8) | in.read();
                        }
                    }
                    byte[] payload = in.readNBytes((int) length);
                    int opcode = first & 0x0f;
                    if (opcode == 0x8) {
                        return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    }
                    if (opcode == 0x1) {
                        texts.add(new String(payload, StandardCharsets.UTF_8));
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no close frame within " + TIMEOUT_MILLIS + " ms; text frames: " + texts);
            } catch (IOException e) {
                // A reset after the server closed: the same as a connection lost without a close frame.
                return -1;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }
}
