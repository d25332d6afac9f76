package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API documents cannot fall behind the server: docs/openapi.json lists exactly the paths and
 * methods the running server routes (asked of its handlers, see
 * {@link IncidentStreamServer#servedRoutes}), and docs/asyncapi.json exactly the client message types
 * its decoder takes (as the real server names them when it refuses an unknown one). A route or a
 * message type added on one side only fails here, naming it.
 */
@Timeout(60)
class ApiDriftTest {

    /** Methods answered everywhere they apply and said so in prose, not listed as operations. */
    private static final Set<String> IMPLIED = Set.of("HEAD", "OPTIONS");

    private static final Pattern EXPECTED = Pattern.compile("\\(expected ([a-z_, ]+)\\)");

    @RegisterExtension
    final RunningServer server = new RunningServer();

    @Test
    void theOpenApiDocumentListsEveryRouteTheServerServesAndNoOther() {
        Map<String, Set<String>> served = new TreeMap<>();
        server.server().servedRoutes(false).forEach((path, methods) -> {
            Set<String> listed = new TreeSet<>(methods);
            listed.removeAll(IMPLIED);
            served.put(path, listed);
        });
        // The board's page at /board/ as well as /board: one page, said in the description of /board
        // (OpenAPI linters refuse paths that end with a slash).
        assertThat(served.remove("/board/")).as("the board answers /board/").isNotNull();

        JsonNode paths = ApiSchemas.load(ApiSchemas.docs().resolve("openapi.json"))
                .document()
                .get("paths");
        Map<String, Set<String>> documented = new TreeMap<>();
        paths.properties().forEach(path -> {
            Set<String> methods = new TreeSet<>();
            path.getValue().fieldNames().forEachRemaining(method -> methods.add(method.toUpperCase(Locale.ROOT)));
            documented.put(path.getKey(), methods);
        });

        List<String> differences = new ArrayList<>();
        served.forEach((path, methods) -> {
            Set<String> inDocument = documented.getOrDefault(path, Set.of());
            methods.stream()
                    .filter(m -> !inDocument.contains(m))
                    .forEach(m -> differences.add(m + " " + path + " is served but not in docs/openapi.json"));
        });
        documented.forEach((path, methods) -> {
            Set<String> onServer = served.getOrDefault(path, Set.of());
            methods.stream()
                    .filter(m -> !onServer.contains(m))
                    .forEach(m -> differences.add(
                            m + " " + path + " is in docs/openapi.json but the server does not route it"));
        });
        assertThat(differences).as("routes and docs/openapi.json").isEmpty();
        assertThat(documented.keySet())
                .contains("/", "/board", "/board/config.json", "/sse", "/ws", "/api/v1/incidents/{id}/watchers");

        // The board's own files are served under /board/ but left out on purpose; the document says so.
        Set<String> files = new TreeSet<>(server.server().servedRoutes(true).keySet());
        files.removeAll(server.server().servedRoutes(false).keySet());
        assertThat(files).isNotEmpty().allMatch(path -> path.startsWith("/board/"));
        assertThat(paths.at("/~1board/get/description").asText())
                .contains("static files", "not listed in this document");
    }

    @Test
    void theAsyncApiDocumentListsExactlyTheClientMessagesTheServerDecodes() throws Exception {
        Set<String> decoded = typesTheServerDecodes();

        JsonNode asyncApi =
                ApiSchemas.load(ApiSchemas.docs().resolve("asyncapi.json")).document();
        Set<String> documented = new TreeSet<>();
        asyncApi.get("operations").forEach(operation -> {
            if ("receive".equals(operation.get("action").asText())) {
                operation.get("messages").forEach(ref -> {
                    String pointer = ref.get("$ref").asText().substring(1);
                    documented.add(
                            asyncApi.at(pointer).isMissingNode()
                                    ? pointer
                                    : asyncApi.at(asyncApi.at(pointer)
                                                    .get("$ref")
                                                    .asText()
                                                    .substring(1))
                                            .get("name")
                                            .asText());
                });
            }
        });
        assertThat(documented)
                .as("client messages in docs/asyncapi.json (receive operations)")
                .containsExactlyInAnyOrderElementsOf(decoded);
        assertThat(decoded).contains("subscribe", "watch", "unwatch");
    }

    /** Sends a type no server decodes and reads the list of those it does from the refusal. */
    private Set<String> typesTheServerDecodes() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(server.ws(), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            if (text.indexOf("\"type\":\"error\"") >= 0) {
                                reply.complete(text.toString());
                            }
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        try {
            socket.sendText("{\"type\":\"no_such_message\"}", true).get(10, TimeUnit.SECONDS);
            JsonNode error = ApiSchemas.JSON.readTree(reply.get(10, TimeUnit.SECONDS));
            assertThat(error.get("code").asText()).isEqualTo("INVALID_MESSAGE");
            Matcher expected = EXPECTED.matcher(error.get("message").asText());
            assertThat(expected.find())
                    .as("the refusal names the types: %s", error)
                    .isTrue();
            return new TreeSet<>(Arrays.asList(expected.group(1).split(", | or ")));
        } finally {
            socket.abort();
        }
    }
}
