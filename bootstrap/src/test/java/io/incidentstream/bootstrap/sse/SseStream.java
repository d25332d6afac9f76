package io.incidentstream.bootstrap.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Server-Sent Events client on a plain socket: writes the HTTP/1.1 request itself and reads the
 * raw answer byte by byte (status line, headers, chunked body, and the SSE lines inside), so a test
 * sees exactly what is on the wire. Not reading is really not reading: nothing is buffered behind
 * the socket, so TCP flow control reaches the server.
 */
public final class SseStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One SSE message: a blank-line-terminated block. Absent fields are null. */
    public record Message(String event, String id, String data, Long retry, String comment) {

        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("data is not JSON: " + data, e);
            }
        }
    }

    private final Socket socket;
    private final InputStream raw;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    private SseStream(Socket socket, InputStream raw, int status, Map<String, String> headers) throws IOException {
        this.socket = socket;
        this.raw = raw;
        this.status = status;
        this.headers = headers;
        String encoding = headers.getOrDefault("transfer-encoding", "");
        String length = headers.get("content-length");
        this.body = encoding.equalsIgnoreCase("chunked")
                ? new Chunked(raw)
                : length != null ? new Limited(raw, Long.parseLong(length)) : raw;
    }

    /**
     * {@code GET pathAndQuery} with the given extra headers, and {@code Accept: text/event-stream} as
     * {@code EventSource} sends unless they give another; returns once the status and headers are read.
     */
    public static SseStream open(int port, String pathAndQuery, Map<String, String> extraHeaders) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        StringBuilder request =
                new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        if (!extraHeaders.containsKey("Accept")) {
            request.append("Accept: text/event-stream\r\n"); // as EventSource asks
        }
        extraHeaders.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream raw = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
        String statusLine = line(raw);
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(raw); header != null && !header.isEmpty(); header = line(raw)) {
            int colon = header.indexOf(':');
            headers.merge(
                    header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        return new SseStream(socket, raw, status, headers);
    }

    public static SseStream open(int port, String pathAndQuery) throws IOException {
        return open(port, pathAndQuery, Map.of());
    }

    public int status() {
        return status;
    }

    /** A response header, by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The whole body of a response that is not a stream (an error). */
    public JsonNode errorBody() throws IOException {
        return JSON.readTree(errorText());
    }

    /** The same body as text, as a terminal would show it (read once: this or {@link #errorBody}). */
    public String errorText() throws IOException {
        return new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The next message, waiting at most {@code timeout}; null at the end of the stream. */
    public Message next(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        String event = null;
        String id = null;
        StringBuilder data = null;
        Long retry = null;
        String comment = null;
        boolean any = false;
        for (String line = line(body); line != null; line = line(body)) {
            if (line.isEmpty()) {
                if (any) {
                    return new Message(event, id, data == null ? null : data.toString(), retry, comment);
                }
                continue;
            }
            any = true;
            if (line.startsWith(":")) {
                comment = line.substring(1).trim();
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "id" -> id = value;
                case "retry" -> retry = Long.parseLong(value);
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                default -> throw new AssertionError("unknown SSE field line: " + line);
            }
        }
        if (any) {
            throw new AssertionError("the stream ended inside a message");
        }
        return null;
    }

    /** The next message that is not a heartbeat comment, of type {@code event}. */
    public Message next(String event) throws IOException {
        for (Message message = next(Duration.ofSeconds(10)); message != null; message = next(Duration.ofSeconds(10))) {
            if (message.comment() != null && message.event() == null) {
                continue;
            }
            if (!event.equals(message.event())) {
                throw new AssertionError("expected event: " + event + ", got " + message);
            }
            return message;
        }
        throw new AssertionError("the stream ended before event: " + event);
    }

    /** Reads past the {@code retry:} opening and the {@code welcome}; returns the {@code subscribed} message's data. */
    public JsonNode subscribed() throws IOException {
        next(Duration.ofSeconds(10));
        next("welcome");
        return next("subscribed").json();
    }

    /** Whether the stream ends (the server finished or aborted it) within {@code timeout}, reading what is left. */
    public boolean endsWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (body.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A line ending in LF (a CR before it dropped), as UTF-8; null at the end of input. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                String text = bytes.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
    }

    /** The body of a chunked response, read as the chunks come. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                if (size == null) {
                    done = true;
                    return -1;
                }
                if (size.isEmpty()) {
                    size = line(in);
                }
                left = Long.parseLong(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b < 0) {
                done = true;
                return -1;
            }
            left--;
            return b;
        }
    }

    private static final class Limited extends InputStream {
        private final InputStream in;
        private long left;

        Limited(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            left--;
            return in.read();
        }
    }
}
