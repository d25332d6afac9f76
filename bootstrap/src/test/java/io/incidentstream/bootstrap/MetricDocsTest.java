package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.adapters.metrics.PrometheusMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The docs and the server agree on metrics: every metric a doc names, with any prefix the server
 * exports ({@code websocket_}, {@code presence_}, {@code engine_}, {@code alerts_}, {@code incidents_},
 * and the JVM's {@code jvm_}, {@code process_}, {@code system_}), is in a real scrape (or, for the
 * Redis engine's meters, registered as the Redis adapter registers them), and no doc line that says
 * a metric is missing ("no metric ...", "not exported") speaks of something an exported metric of
 * this server measures (a word of its name, as "history" in {@code websocket_history_events}).
 */
@Timeout(60)
class MetricDocsTest {

    private static final Path ROOT = Path.of("..");
    /** The first word of every metric this server exports: {@link #everyExportedPrefix_isChecked} keeps it whole. */
    private static final Set<String> PREFIXES =
            Set.of("websocket", "presence", "engine", "alerts", "incidents", "jvm", "process", "system");
    /**
     * The server's own metrics, whose words say what they measure. The JVM's ({@code jvm_}, {@code
     * process_}, {@code system_}, Micrometer's binders) are left out of the "says it is missing" check:
     * their words ("live", "time", "data", "size", "start") would read any sentence as a claim.
     */
    private static final Set<String> OWN_PREFIXES = Set.of("websocket", "presence", "engine", "alerts", "incidents");

    private static final Pattern NAME =
            Pattern.compile("\\b(" + String.join("|", new TreeSet<>(PREFIXES)) + ")_[a-z0-9_]*[a-z0-9]");
    /**
     * Names with a metric's prefix that are not metrics: an event type, the counts of the
     * Alertmanager intake's answer ({@code {"alerts":1,"incidents_opened":1,...}}; the metrics are
     * {@code incidents_opened_total} and {@code incidents_resolved_total}), and a {@code reason} of
     * {@code websocket_publish_rejected_total}.
     */
    private static final Set<String> NOT_METRICS =
            Set.of("system_event", "incidents_opened", "incidents_resolved", "engine_unavailable");

    private static final Pattern SAYS_MISSING = Pattern.compile(
            "(?i)\\bno (metrics?|counters?|gauges?)\\b|\\bnot (yet )?exported\\b|\\bmetrics? (does|do) not exist|\\bis not (yet )?counted");
    /**
     * Words of metric names that say nothing about what is measured. "client" is the Redis client in
     * {@code engine_redis_client_*} ("redis", "threads" and "memory" say what), not the subscribers the
     * docs call clients.
     */
    private static final Set<String> GENERIC = Set.of(
            "websocket",
            "total",
            "seconds",
            "bucket",
            "count",
            "sum",
            "max",
            "events",
            "messages",
            "active",
            "errors",
            "closes",
            "bytes",
            "client");

    private static final String KEY = "pk_metric_docs_test_key_123";

    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(
            Map.of("api_keys", KEY, "allowed_origins", "https://ops.example.com", "broadcast_capacity", "2"));

    @Test
    void everyMetricADocNames_isExported() throws Exception {
        Set<String> exported = new TreeSet<>(exported());
        exported.addAll(redisEngineMeters());
        List<String> unknown = new ArrayList<>();
        for (Path doc : docs()) {
            String text = Files.readString(doc);
            Matcher names = NAME.matcher(text);
            while (names.find()) {
                String name = names.group();
                if (NOT_METRICS.contains(name)) {
                    continue;
                }
                if (!exported.contains(name) && !exported.contains(name.replaceAll("_(bucket|count|sum|max)$", ""))) {
                    unknown.add(ROOT.relativize(doc) + ": " + name);
                }
            }
        }
        assertThat(unknown)
                .as("metrics named in the docs that the server does not export (exported: " + exported + ")")
                .isEmpty();
    }

    @Test
    void noDocSaysAnExportedMetricIsMissing() throws Exception {
        Set<String> own = new TreeSet<>(exported());
        own.addAll(redisEngineMeters());
        Set<String> topics = new TreeSet<>();
        for (String name : own) {
            if (!OWN_PREFIXES.contains(name.substring(0, name.indexOf('_')))) {
                continue;
            }
            for (String word : name.split("_")) {
                if (!GENERIC.contains(word)) {
                    topics.add(stem(word));
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher says = SAYS_MISSING.matcher(lines.get(i));
                if (!says.find()) {
                    continue;
                }
                String claim = sentence(
                        lines.get(i) + (i + 1 < lines.size() ? " " + lines.get(i + 1) : ""), says.start(), says.end());
                // Link targets name pages and anchors, not what is measured.
                String words = claim.replaceAll("\\]\\([^)]*\\)", "]").toLowerCase(Locale.ROOT);
                for (String word : words.split("[^a-z]+")) {
                    if (topics.contains(stem(word))) {
                        wrong.add(ROOT.relativize(doc) + ":" + (i + 1) + " says a metric is missing, but '" + word
                                + "' is measured: " + lines.get(i));
                        break;
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyExportedPrefix_isChecked() throws Exception {
        Set<String> prefixes = new TreeSet<>();
        for (String name : exported()) {
            prefixes.add(name.substring(0, name.indexOf('_')));
        }
        for (String name : redisEngineMeters()) {
            prefixes.add(name.substring(0, name.indexOf('_')));
        }
        assertThat(prefixes)
                .as("a new prefix: add it to PREFIXES (and OWN_PREFIXES when it is this server's)")
                .isEqualTo(PREFIXES);
    }

    @Test
    void theCheck_seesWhatTheIssueFound() {
        assertThat(SAYS_MISSING
                        .matcher("There are no metrics yet for the event history")
                        .find())
                .isTrue();
        assertThat(SAYS_MISSING
                        .matcher("history and incident-view metrics do not exist")
                        .find())
                .isTrue();
        assertThat(sentence("gauges (`websocket_upgrades`). Replays have no counters yet. Watch", 44, 55))
                .isEqualTo("Replays have no counters yet");
        assertThat(NAME.matcher("`websocket_history_events`,").results().map(java.util.regex.MatchResult::group))
                .containsExactly("websocket_history_events");
        assertThat(NAME.matcher(
                                "`presence_watchers`, `engine_redis_round_trip_seconds{command}` and `alerts_received_total`")
                        .results()
                        .map(java.util.regex.MatchResult::group))
                .containsExactly("presence_watchers", "engine_redis_round_trip_seconds", "alerts_received_total");
    }

    /** The sentence around {@code [start, end)}: a claim may run over two lines of a paragraph. */
    private static String sentence(String text, int start, int end) {
        int from = text.lastIndexOf(". ", start);
        int to = text.indexOf(". ", end);
        return text.substring(from < 0 ? 0 : from + 2, to < 0 ? text.length() : to);
    }

    private static String stem(String word) {
        return word.endsWith("s") && word.length() > 3 ? word.substring(0, word.length() - 1) : word;
    }

    private static List<Path> docs() throws Exception {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(path -> path.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /**
     * The meters only the Redis engine registers (this test's server runs the in-memory engine): its
     * client's memory gauge, registered when it starts, and the round-trip histogram and error
     * counter of a command, registered on its first use. They are registered here through the same
     * port ({@code EngineMetrics}) and the same calls as {@code RedisStreamEngine} makes, on a registry
     * of their own; {@code ClusterMetricsTest} scrapes them from servers on a real Redis.
     */
    private static Set<String> redisEngineMeters() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            metrics.engineMetrics().clientMemory(() -> 0);
            metrics.engineMetrics().roundTrip("append", 1_000);
            metrics.engineMetrics().error("append");
            Set<String> names = new TreeSet<>(names(metrics.scrape()));
            names.removeIf(name -> !name.startsWith("engine_redis_"));
            assertThat(names)
                    .contains(
                            "engine_redis_client_memory_bytes",
                            "engine_redis_round_trip_seconds",
                            "engine_redis_errors_total");
            return names;
        }
    }

    /** The metric names of a real scrape, after the counters that appear on first use were used. */
    private static Set<String> exported() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        // A refused publish (a batch over broadcast_capacity) and a refused upgrade register their
        // labelled counters.
        String event = "{\"event_type\":\"system_event\",\"category\":\"c\",\"message\":\"m\"}";
        HttpResponse<String> tooLarge = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/events"))
                        .POST(HttpRequest.BodyPublishers.ofString("[" + event + "," + event + "," + event + "]"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        try (RawWire.WebSocket socket =
                new RawWire.WebSocket(SERVER.port(), "/ws", List.of("Origin: https://evil.example.net"))) {
            assertThat(socket.upgrade().status()).isEqualTo(403);
        }
        String scrape = http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/metrics"))
                                .header("Authorization", "Bearer " + KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Set<String> names = names(scrape);
        assertThat(names)
                .contains(
                        "websocket_active_connections",
                        "websocket_history_events",
                        "presence_watchers",
                        "engine_stream_lag_seconds",
                        "alerts_received_total",
                        "incidents_opened_total");
        return names;
    }

    private static Set<String> names(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]")[0]);
            }
        }
        return names;
    }

    private static String base() {
        return SERVER.http();
    }
}
