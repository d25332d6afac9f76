package io.incidentstream.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The board's files over a real Jetty on a free port, read with Jetty's HTTP client. */
@Timeout(30)
class IncidentBoardTest {

    private Server server;
    private HttpClient client;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        // Stands in for the HTTP API: whatever the board does not serve must reach it.
        Handler next = new Handler.Abstract() {
            @Override
            public boolean handle(
                    org.eclipse.jetty.server.Request request,
                    Response response,
                    org.eclipse.jetty.util.Callback callback) {
                response.setStatus(418);
                response.getHeaders().put("X-Next", "api");
                callback.succeeded();
                return true;
            }
        };
        server.setHandler(new IncidentBoard(new BoardSettings(true, List.of("https://ops.example.com")), next));
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
        client = new HttpClient();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.stop();
    }

    @Test
    void rootAndBoard_serveThePage_withAStrictContentSecurityPolicy() throws Exception {
        for (String path : new String[] {"/", "/board", "/board/"}) {
            ContentResponse page = client.GET(base + path);
            assertThat(page.getStatus()).as(path).isEqualTo(200);
            assertThat(page.getHeaders().get(HttpHeader.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
            assertThat(page.getContentAsString())
                    .contains("<title>Incident board</title>")
                    .contains("src=\"/board/js/main.js\"");
            String csp = page.getHeaders().get("Content-Security-Policy");
            assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe");
            assertThat(page.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.getHeaders().get(HttpHeader.CACHE_CONTROL)).isEqualTo("no-cache");
        }
    }

    @Test
    void files_carryTheirContentTypes() throws Exception {
        assertThat(client.GET(base + "/board/js/main.js").getHeaders().get(HttpHeader.CONTENT_TYPE))
                .isEqualTo("text/javascript; charset=utf-8");
        assertThat(client.GET(base + "/board/board.css").getHeaders().get(HttpHeader.CONTENT_TYPE))
                .isEqualTo("text/css; charset=utf-8");
        assertThat(client.GET(base + "/board/icon.svg").getHeaders().get(HttpHeader.CONTENT_TYPE))
                .isEqualTo("image/svg+xml");
    }

    @Test
    void theReferenceClient_isServedAsItIsInClientsJs() throws Exception {
        ContentResponse served = client.GET(base + "/board/incident-stream-client.js");
        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(served.getContentAsString())
                .isEqualTo(Files.readString(
                        repositoryFile("clients/js/incident-stream-client.js"), StandardCharsets.UTF_8));
    }

    @Test
    void etag_revalidatesWith304_andChangesWithTheContent() throws Exception {
        ContentResponse first = client.GET(base + "/board/board.css");
        String etag = first.getHeaders().get(HttpHeader.ETAG);
        assertThat(etag).startsWith("\"").endsWith("\"");

        ContentResponse again = client.newRequest(base + "/board/board.css")
                .headers(h -> h.put(HttpHeader.IF_NONE_MATCH, etag))
                .send();
        assertThat(again.getStatus()).isEqualTo(304);
        assertThat(again.getContent()).isEmpty();
        assertThat(again.getHeaders().get(HttpHeader.ETAG)).isEqualTo(etag);

        ContentResponse otherFile = client.GET(base + "/board/js/main.js");
        assertThat(otherFile.getHeaders().get(HttpHeader.ETAG)).isNotEqualTo(etag);
        ContentResponse stale = client.newRequest(base + "/board/board.css")
                .headers(h -> h.put(HttpHeader.IF_NONE_MATCH, "\"something-older\", W/" + etag))
                .send();
        assertThat(stale.getStatus()).as("a weak match of one of several tags").isEqualTo(304);
    }

    @Test
    void head_givesTheLengthWithoutTheBody() throws Exception {
        ContentResponse get = client.GET(base + "/board/js/main.js");
        ContentResponse head = client.newRequest(base + "/board/js/main.js")
                .method(HttpMethod.HEAD)
                .send();
        assertThat(head.getStatus()).isEqualTo(200);
        assertThat(head.getContent()).isEmpty();
        assertThat(head.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH)).isEqualTo(get.getContent().length);
    }

    @Test
    void config_tellsThePageWhetherToAskForAToken() throws Exception {
        ContentResponse config = client.GET(base + "/board/config.json");
        assertThat(config.getHeaders().get(HttpHeader.CONTENT_TYPE)).isEqualTo("application/json; charset=utf-8");
        assertThat(config.getHeaders().get(HttpHeader.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(config.getContentAsString()).isEqualTo("{\"token_required\":true,\"origin_allowed\":false}");
        assertThat(client.GET(base + "/board/config.json?origin=https%3A%2F%2Fops.example.com")
                        .getContentAsString())
                .isEqualTo("{\"token_required\":true,\"origin_allowed\":true}");
        assertThat(client.GET(base + "/board/config.json?origin=https%3A%2F%2Fevil.example.com")
                        .getContentAsString())
                .isEqualTo("{\"token_required\":true,\"origin_allowed\":false}");
    }

    @Test
    void config_withNoAllowList_allowsEveryOrigin() {
        assertThat(new BoardSettings(false, List.of()).json("https://anywhere.example"))
                .isEqualTo("{\"token_required\":false,\"origin_allowed\":true}");
    }

    @Test
    void otherMethods_areRefusedWith405_namingTheAllowedOnes() throws Exception {
        ContentResponse post =
                client.newRequest(base + "/board").method(HttpMethod.POST).send();
        assertThat(post.getStatus()).isEqualTo(405);
        assertThat(post.getHeaders().get(HttpHeader.ALLOW)).isEqualTo("GET, HEAD");
    }

    @Test
    void everythingElse_goesToTheNextHandler() throws Exception {
        for (String path : new String[] {
            "/api/v1/incidents", "/board/no-such-file.js", "/board/files.txt", "/board/../pom.xml", "/index.html"
        }) {
            ContentResponse response = client.GET(base + path);
            assertThat(response.getHeaders().get("X-Next")).as(path).isEqualTo("api");
        }
    }

    private static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
