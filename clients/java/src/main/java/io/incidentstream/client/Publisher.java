package io.incidentstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The HTTP API (docs/openapi.json): publish events, incidents and alerts with a publisher API key,
 * read the incidents the server knows. Every refusal is an {@link ApiException} with the status and
 * code of the server's error envelope.
 */
public final class Publisher {

    private final URI base;
    private final String credential;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param base       {@code http://host:port}
     * @param credential a publisher API key (or, for reads, a subscriber token), or null on an open server
     */
    public Publisher(URI base, String credential) {
        this(base, credential, HttpClient.newHttpClient(), Duration.ofSeconds(30));
    }

    public Publisher(URI base, String credential, HttpClient http, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.credential = credential;
        this.http = http;
        this.timeout = timeout;
    }

    /** Publishes one event with its default priority. */
    public PublishReceipt publish(Event event) {
        return publish(List.of(event), null);
    }

    /** Publishes a batch, all or nothing; {@code priority} (or null for each event's default) applies to every event. */
    public PublishReceipt publish(List<? extends Event> events, Priority priority) {
        ArrayNode batch = Codec.JSON.createArrayNode();
        for (Event event : events) {
            ObjectNode node = Codec.JSON.valueToTree(event);
            if (priority != null) {
                node.set("priority", Codec.JSON.valueToTree(priority));
            }
            batch.add(node);
        }
        return decode(post("/api/v1/events", batch), PublishReceipt.class);
    }

    /** Opens an incident (publishes incident_created); returns it as stored, defaults filled in. */
    public Incident createIncident(Incident incident) {
        return decode(post("/api/v1/incidents", Codec.JSON.valueToTree(incident)), Incident.class);
    }

    /** Publishes alert_received; returns the alert, defaults filled in. */
    public Alert publishAlert(Alert alert) {
        return decode(post("/api/v1/alerts", Codec.JSON.valueToTree(alert)), Alert.class);
    }

    /** The incidents the server knows, filtered: {@code severity}, {@code state}, {@code source}, {@code label} (k:v). */
    public List<Incident> incidents(Map<String, List<String>> query) {
        StringBuilder path = new StringBuilder("/api/v1/incidents");
        char separator = '?';
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            for (String value : parameter.getValue()) {
                path.append(separator)
                        .append(encode(parameter.getKey()))
                        .append('=')
                        .append(encode(value));
                separator = '&';
            }
        }
        JsonNode body = send(request(path.toString()).GET().build());
        List<Incident> out = new ArrayList<>();
        for (JsonNode incident : body.path("incidents")) {
            out.add(decode(incident, Incident.class));
        }
        return out;
    }

    /** One incident, or empty when the server knows none with that id (404). */
    public Optional<Incident> incident(UUID id) {
        try {
            return Optional.of(
                    decode(send(request("/api/v1/incidents/" + id).GET().build()), Incident.class));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Connection and event counts, as the server words them. */
    public JsonNode stats() {
        return send(request("/api/v1/stats").GET().build());
    }

    private JsonNode post(String path, JsonNode body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Accept", "application/json");
        if (credential != null) {
            builder.header("Authorization", "Bearer " + credential);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode body;
        try {
            body = Codec.JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() / 100 == 2 && body != null) {
            return body;
        }
        JsonNode error = body == null ? null : body.path("error");
        Duration retryAfter = response.headers()
                .firstValue("Retry-After")
                .map(s -> Duration.ofSeconds(Long.parseLong(s.trim())))
                .orElse(null);
        if (error == null || !error.isObject()) {
            throw new ApiException(
                    response.statusCode(), "UNEXPECTED_RESPONSE", String.valueOf(response.body()), null, retryAfter);
        }
        throw new ApiException(
                response.statusCode(),
                error.path("code").asText(),
                error.path("message").asText(),
                error.path("details").isObject() ? error.get("details") : null,
                retryAfter);
    }

    private static <T> T decode(JsonNode node, Class<T> type) {
        try {
            return Codec.JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the server answered a " + type.getSimpleName() + " this client cannot read: " + node, e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
