package io.incidentstream.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A refusal decided from the headers alone (here a 401 for a missing key) can be written before
 * the body has arrived. The connection must then say {@code Connection: close}: a client that
 * reuses a connection the server is about to drop fails its next request with no answer at all
 * (seen as "header parser received no bytes" in the JDK's HTTP client).
 */
@Timeout(30)
class RefusalKeepAliveTest {

    private static final String BODY = "{\"type\":\"system\"}";

    @Test
    void refusalBeforeTheBodyArrived_saysConnectionClose() throws Exception {
        try (TestApi api = TestApi.startWithAuthentication(Credentials.keysAndTokens(), TestApi.SETTINGS);
                Socket socket = connect(api)) {
            OutputStream out = socket.getOutputStream();
            out.write(headers().getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String response = readHead(socket.getInputStream());

            assertThat(response).startsWith("HTTP/1.1 401").containsIgnoringCase("\r\nConnection: close\r\n");
        }
    }

    @Test
    void refusalWithTheWholeBodyAlreadySent_keepsTheConnection_forTheNextRequest() throws Exception {
        try (TestApi api = TestApi.startWithAuthentication(Credentials.keysAndTokens(), TestApi.SETTINGS);
                Socket socket = connect(api)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write((headers() + BODY).getBytes(StandardCharsets.US_ASCII));
                out.flush();

                String response = readHead(in);

                assertThat(response)
                        .as("request %d", i)
                        .startsWith("HTTP/1.1 401")
                        .doesNotContainIgnoringCase("Connection: close");
                in.readNBytes(contentLength(response));
            }
        }
    }

    private static Socket connect(TestApi api) throws IOException {
        URI uri = URI.create(api.uri("/"));
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String headers() {
        return "POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + BODY.length() + "\r\n\r\n";
    }

    /** The status line and headers, up to and including the blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection ended before a response: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        throw new AssertionError("no Content-Length in " + head);
    }
}
