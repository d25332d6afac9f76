package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/openapi.json against the real server: the server serves the document as kept in docs/; every
 * example request is sent and is accepted, or refused with the status and code the document names;
 * every answer, success or error, validates against the schema the document gives for its status
 * (with undocumented fields counted as errors, see {@link ApiSchemas}); every operation is called.
 */
@Timeout(120)
class HttpApiDocumentTest {

    private static final String INCIDENT_ID = "3f8a1c2e-9b4d-4e6f-8a7b-1c2d3e4f5a6b";

    private final ApiSchemas openApi = ApiSchemas.load(ApiSchemas.docs().resolve("openapi.json"));
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Set<String> called = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private IncidentStreamServer server;

    @BeforeEach
    void start() throws Exception {
        server = ServerComponent.create(
                        ServerConfig.defaults(Map.of(
                                "port",
                                "0",
                                "host",
                                "127.0.0.1",
                                // Small enough for a test to exceed it in one request:
                                // the 413 is then a real answer too.
                                "max_event_bytes",
                                "8192")),
                        Clock.systemUTC())
                .start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theServerServesTheDocumentsOfDocs() throws Exception {
        for (String name : List.of("openapi.json", "asyncapi.json")) {
            HttpResponse<byte[]> response = http.send(get("/api/v1/" + name), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(response.body())
                    .as(name)
                    .isEqualTo(Files.readAllBytes(ApiSchemas.docs().resolve(name)));
        }
    }

    @Test
    void theStreamSchemasAreTheSameInBothDocuments() {
        JsonNode async = ApiSchemas.load(ApiSchemas.docs().resolve("asyncapi.json"))
                .document()
                .at("/components/schemas");
        JsonNode open = openApi.document().at("/components/schemas");
        List<String> shared = new ArrayList<>();
        open.fieldNames().forEachRemaining(name -> {
            if (async.has(name)) {
                shared.add(name);
                assertThat(async.get(name))
                        .as("schema %s in asyncapi.json and openapi.json", name)
                        .isEqualTo(open.get(name));
            }
        });
        assertThat(shared)
                .contains(
                        "Incident",
                        "Alert",
                        "Event",
                        "Severity",
                        "IncidentState",
                        "IncidentType",
                        "Priority",
                        "Filters",
                        "CommentAddedEvent",
                        "SystemEventEvent");
    }

    @Test
    void everyExampleGetsTheDocumentedAnswerAndEveryAnswerMatchesItsSchema() throws Exception {
        JsonNode paths = openApi.document().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.properties().iterator(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o =
                            path.getValue().properties().iterator();
                    o.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = o.next();
                exercise(path.getKey(), operation.getKey().toUpperCase(), operation.getValue());
            }
        }
        // Answers the examples cannot provoke: the wrong media type, an event over max_event_bytes.
        String big = "{\"event_type\":\"system_event\",\"message\":\"" + "x".repeat(10_000) + "\"}";
        check("/api/v1/events", "post", send(post("/api/v1/events", big)), 413, "EVENT_TOO_LARGE");
        check(
                "/api/v1/events",
                "post",
                send(HttpRequest.newBuilder(uri("/api/v1/events"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build()),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        check("/api/v1/events", "post", send(post("/api/v1/events", "{not json")), 400, "INVALID_JSON");

        assertThat(problems).as("answers that differ from docs/openapi.json").isEmpty();
        List<String> operations = new ArrayList<>();
        paths.properties()
                .forEach(p -> p.getValue().fieldNames().forEachRemaining(m -> operations.add(m + " " + p.getKey())));
        assertThat(called).as("operations called").containsAll(operations);
    }

    @Test
    void refusedCredentialsAreAnsweredAsDocumented() throws Exception {
        server.stop();
        server = ServerComponent.create(
                        ServerConfig.defaults(Map.of(
                                "port",
                                "0",
                                "host",
                                "127.0.0.1",
                                "api_keys",
                                "a-publisher-key-of-some-length",
                                "protect_read_endpoints",
                                "true")),
                        Clock.systemUTC())
                .start();
        String incident = "{\"severity\":\"P3\",\"source\":\"cron\",\"title\":\"t\"}";
        check("/api/v1/incidents", "post", send(post("/api/v1/incidents", incident)), 401, "UNAUTHENTICATED");
        check(
                "/api/v1/incidents",
                "post",
                send(HttpRequest.newBuilder(uri("/api/v1/incidents"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer not-a-real-key-at-all")
                        .POST(HttpRequest.BodyPublishers.ofString(incident))
                        .build()),
                403,
                "FORBIDDEN");
        check(
                "/api/v1/incidents",
                "post",
                send(HttpRequest.newBuilder(uri("/api/v1/incidents"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer a-publisher-key-of-some-length")
                        .POST(HttpRequest.BodyPublishers.ofString(incident))
                        .build()),
                202,
                null);
        for (String read : List.of("/api/v1/incidents", "/api/v1/stats", "/metrics")) {
            check(read, "get", send(get(read)), 401, "UNAUTHENTICATED");
        }
        assertThat(problems).as("answers that differ from docs/openapi.json").isEmpty();
    }

    /** Sends every example of one operation (or the bare request when it has none) and checks the answers. */
    private void exercise(String path, String method, JsonNode operation) throws Exception {
        String key = method.toLowerCase() + " " + path;
        int success = successStatus(operation);
        JsonNode media = operation.at("/requestBody/content/application~1json");
        if (!media.isMissingNode()) {
            media.path("examples")
                    .forEach(example -> check(
                            path, method, send(post(path, example.get("value").toString())), success, null));
            media.path("x-invalid-examples")
                    .forEach(example -> check(
                            path,
                            method,
                            send(post(path, example.get("value").toString())),
                            example.get("status").asInt(),
                            example.get("code").asText()));
            called.add(key);
            return;
        }
        boolean any = false;
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.get("name").asText();
            boolean inPath = "path".equals(parameter.get("in").asText());
            if ("header".equals(parameter.get("in").asText())) {
                continue;
            }
            // style form with explode false: one parameter, the values separated by commas.
            boolean commas = !parameter.path("explode").asBoolean(true);
            for (Map.Entry<String, JsonNode> example :
                    parameter.path("examples").properties()) {
                check(
                        path,
                        method,
                        send(get(withParameter(
                                path, name, inPath, commas, example.getValue().get("value")))),
                        success,
                        null);
                any = true;
            }
            for (Map.Entry<String, JsonNode> example :
                    parameter.path("x-invalid-examples").properties()) {
                JsonNode e = example.getValue();
                check(
                        path,
                        method,
                        send(get(withParameter(path, name, inPath, commas, e.get("value")))),
                        e.get("status").asInt(),
                        e.get("code").asText());
                any = true;
            }
        }
        if (!any) {
            // /ws asked without an upgrade is refused; everything else succeeds.
            int expected = path.equals("/ws") ? 400 : success;
            check(path, method, send(get(path)), expected, path.equals("/ws") ? "UPGRADE_REQUIRED" : null);
        }
        called.add(key);
    }

    /** Compares one answer with the document: the expected status and error code, and the schema of that status. */
    private void check(String path, String method, Answer response, int status, String code) {
        String what = method + " " + response.request().uri().getRawPath()
                + (response.request().uri().getRawQuery() == null
                        ? ""
                        : "?" + response.request().uri().getRawQuery());
        if (response.statusCode() != status) {
            problems.add(what + ": status " + response.statusCode() + ", expected " + status + ": " + response.body());
            return;
        }
        JsonNode documented =
                openApi.document().at("/paths/" + escape(path) + "/" + method.toLowerCase() + "/responses/" + status);
        if (documented.isMissingNode()) {
            problems.add(what + ": status " + status + " is not documented");
            return;
        }
        if (documented.has("$ref")) {
            documented = openApi.document().at(documented.get("$ref").asText().substring(1));
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (documented.at("/content/application~1json").isMissingNode()) {
            if (!documented.has("content")) {
                return;
            }
            if (!documented.at("/content/text~1event-stream").isMissingNode()) {
                checkEventStream(what, response);
                return;
            }
            if (!documented.at("/content/text~1plain").isMissingNode() && !contentType.startsWith("text/plain")) {
                problems.add(what + ": documented as text/plain, sent as " + contentType);
            }
            return;
        }
        if (!contentType.startsWith("application/json")) {
            problems.add(what + ": documented as JSON, sent as " + contentType);
            return;
        }
        JsonNode body;
        try {
            body = ApiSchemas.JSON.readTree(response.body());
        } catch (Exception e) {
            problems.add(what + ": not JSON: " + response.body());
            return;
        }
        String pointer = schemaPointer(path, method, status, documented);
        openApi.problems(pointer, body).forEach(problem -> problems.add(what + " " + status + ": " + problem));
        if (code != null && !code.equals(body.at("/error/code").asText())) {
            problems.add(what + ": code " + body.at("/error/code").asText() + ", expected " + code);
        }
    }

    /** A stream's head, as GET /sse documents it: the headers, a retry line, then welcome and subscribed. */
    private void checkEventStream(String what, Answer response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("text/event-stream")) {
            problems.add(what + ": documented as text/event-stream, sent as " + contentType);
        }
        if (!response.headers().firstValue("X-Accel-Buffering").orElse("").equals("no")
                || !response.headers().firstValue("Cache-Control").orElse("").equals("no-store")) {
            problems.add(what + ": without the documented X-Accel-Buffering: no and Cache-Control: no-store: "
                    + response.headers().map());
        }
        if (!response.body().startsWith("retry: ")
                || !response.body().contains("\nevent: welcome\n")
                || !response.body().contains("\nevent: subscribed\n")) {
            problems.add(what + ": the stream does not start with retry, welcome and subscribed: " + response.body());
        }
    }

    private String schemaPointer(String path, String method, int status, JsonNode documented) {
        JsonNode raw =
                openApi.document().at("/paths/" + escape(path) + "/" + method.toLowerCase() + "/responses/" + status);
        if (raw.has("$ref")) {
            return raw.get("$ref").asText().substring(1) + "/content/application~1json/schema";
        }
        return "/paths/" + escape(path) + "/" + method.toLowerCase() + "/responses/" + status
                + "/content/application~1json/schema";
    }

    private static int successStatus(JsonNode operation) {
        for (String status : iterable(operation.get("responses").fieldNames())) {
            // /ws succeeds with 101 Switching Protocols (the WebSocket tests take it from there).
            if (status.startsWith("2") || status.equals("101")) {
                return Integer.parseInt(status);
            }
        }
        throw new IllegalStateException("no 2xx response");
    }

    private static String withParameter(String path, String name, boolean inPath, boolean commas, JsonNode value) {
        if (inPath) {
            return path.replace("{" + name + "}", URLEncoder.encode(value.asText(), StandardCharsets.UTF_8));
        }
        if (commas && value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(URLEncoder.encode(item.asText(), StandardCharsets.UTF_8)));
            return path + "?" + name + "=" + String.join(",", items);
        }
        StringBuilder query = new StringBuilder(path).append('?');
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            if (query.charAt(query.length() - 1) != '?') {
                query.append('&');
            }
            query.append(name).append('=').append(URLEncoder.encode(item.asText(), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /**
     * Sends a request and reads its answer; of an event stream (which does not end by itself) only
     * the head, up to the {@code subscribed} event, before closing it.
     */
    private Answer send(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String text;
                if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                    text = streamHead(body);
                } else {
                    text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                }
                return new Answer(response.request(), response.statusCode(), response.headers(), text);
            }
        } catch (Exception e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        }
    }

    private static String streamHead(InputStream body) throws java.io.IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder head = new StringBuilder();
        boolean subscribed = false;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            head.append(line).append('\n');
            subscribed |= line.equals("event: subscribed");
            if (subscribed && line.startsWith("data: ")) {
                break;
            }
        }
        return head.toString();
    }

    /** An answer as read: a whole body, or the head of an event stream. */
    private record Answer(HttpRequest request, int statusCode, HttpHeaders headers, String body) {}
}
