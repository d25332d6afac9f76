package io.incidentstream.bootstrap.sse;

import io.incidentstream.bootstrap.IncidentStreamServer;
import io.incidentstream.bootstrap.MetricsText;
import io.incidentstream.bootstrap.ServerComponent;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The assembled server on a free port, with a publisher and a metrics reader beside it. */
public final class TestServer implements AutoCloseable {

    public final IncidentStreamServer server;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public TestServer(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("port", "0", "host", "127.0.0.1"));
        all.putAll(settings);
        server = ServerComponent.create(ServerConfig.defaults(all), Clock.systemUTC())
                .start();
    }

    public int port() {
        return server.port();
    }

    /** POSTs one event (or a batch) and returns the response body; fails unless 202. */
    public String publish(String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/events"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new AssertionError("publish answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A system event of the given priority, published; its message names it by {@code n}. */
    public String publishSystem(int n, String priority) throws IOException, InterruptedException {
        return publish("{\"event_type\":\"system_event\",\"category\":\"test\",\"message\":\"m" + n
                + "\",\"priority\":\"" + priority + "\"}");
    }

    /** {@link MetricsText#sum} of this server's {@code /metrics} now. */
    public double metric(String name, String labels) throws IOException, InterruptedException {
        String text = http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/metrics"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return MetricsText.sum(text, name, labels);
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
