package io.incidentstream.bootstrap.config;

import io.incidentstream.application.alerts.AlertIntakeSettings.IncidentPer;
import io.incidentstream.application.alerts.SeverityMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that reads the configuration by key: turns the values {@link ConfigLoader} checked
 * against {@link Settings} into the typed groups of {@link ServerConfig}, each key read once
 * ({@code ConfigBindingTest} holds it to that).
 */
final class ConfigBinding {

    private final Map<String, Object> values;
    private final Map<String, String> sources;
    private final List<String> keysRead = new ArrayList<>();

    /** {@code values} parsed by each setting's parser; {@code sources} as {@link ConfigReport} takes them. */
    ConfigBinding(Map<String, Object> values, Map<String, String> sources) {
        this.values = values;
        this.sources = sources;
    }

    ServerConfig bind() {
        return new ServerConfig(
                listening(),
                access(),
                queues(),
                sessions(),
                limits(),
                history(),
                shutdown(),
                alerts(),
                cluster(),
                sseAndHttp2(),
                presence(),
                logging(),
                new ConfigReport(values, sources));
    }

    /** Every key read so far, in order, as often as it was read. */
    List<String> keysRead() {
        return List.copyOf(keysRead);
    }

    private ListeningConfig listening() {
        return new ListeningConfig(
                text("host"),
                integer("port"),
                flag("http_enabled"),
                integer("tls_port"),
                text("tls_cert_file"),
                text("tls_key_file"),
                text("tls_keystore_file"),
                new Secret(text("tls_keystore_password")),
                list("trusted_proxies"),
                list("allowed_origins"),
                flag("enable_compression"));
    }

    private AccessConfig access() {
        return new AccessConfig(
                list("api_keys").stream().map(Secret::new).toList(),
                list("api_key_hashes"),
                text("api_keys_file"),
                new Secret(text("jwt_hs256_secret")),
                text("jwt_public_key_file"),
                text("jwt_issuer"),
                text("jwt_audience"),
                seconds("jwt_clock_skew_secs"),
                flag("protect_read_endpoints"));
    }

    private QueueConfig queues() {
        return new QueueConfig(
                integer("max_pending_messages"),
                number("max_pending_bytes"),
                integer("broadcast_capacity"),
                millis("write_timeout_ms"));
    }

    private SessionConfig sessions() {
        return new SessionConfig(
                seconds("heartbeat_interval_secs"), seconds("session_timeout_secs"), seconds("cleanup_interval_secs"));
    }

    private LimitConfig limits() {
        return new LimitConfig(
                integer("max_messages_per_sec"),
                integer("rate_limit_close_after_secs"),
                integer("max_connections"),
                integer("max_connections_per_address"),
                number("max_message_bytes"),
                integer("max_subscriptions_per_session"),
                integer("max_filter_values"),
                integer("max_event_bytes"),
                integer("max_request_bytes"));
    }

    private HistoryConfig history() {
        return new HistoryConfig(
                integer("history_capacity"),
                seconds("history_ttl_secs"),
                integer("max_incidents"),
                seconds("closed_incident_retention_secs"),
                integer("snapshot_page_size"));
    }

    private ShutdownConfig shutdown() {
        return new ShutdownConfig(seconds("shutdown_timeout_secs"), seconds("shutdown_reconnect_window_secs"));
    }

    private AlertConfig alerts() {
        return new AlertConfig(
                SeverityMap.parse(text("alert_severity_map")),
                IncidentPer.parse(text("alert_incident_per")),
                integer("alert_max_per_notification"),
                seconds("alert_episode_retention_secs"),
                integer("alert_max_episodes"));
    }

    private ClusterConfig cluster() {
        return new ClusterConfig(
                upperCase(ClusterConfig.Engine.class, "engine"),
                text("redis_url"),
                text("redis_key_prefix"),
                millis("redis_timeout_ms"),
                seconds("redis_connect_wait_secs"),
                text("node_id"));
    }

    private SseAndHttp2Config sseAndHttp2() {
        return new SseAndHttp2Config(millis("sse_retry_ms"), flag("http2_enabled"));
    }

    private PresenceConfig presence() {
        return new PresenceConfig(integer("max_watches_per_session"));
    }

    private LogConfig logging() {
        return new LogConfig(upperCase(LogConfig.Format.class, "log_format"), given("log_level"));
    }

    private Object value(String key) {
        keysRead.add(key);
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return value;
    }

    private String text(String key) {
        return (String) value(key);
    }

    /** The value, only when it was given somewhere (file, environment, flag or override). */
    private Optional<String> given(String key) {
        String value = text(key);
        return "default".equals(sources.get(key)) ? Optional.empty() : Optional.of(value);
    }

    private long number(String key) {
        return (Long) value(key);
    }

    private int integer(String key) {
        return Math.toIntExact(number(key));
    }

    private Duration seconds(String key) {
        return Duration.ofSeconds(number(key));
    }

    private Duration millis(String key) {
        return Duration.ofMillis(number(key));
    }

    private boolean flag(String key) {
        return (Boolean) value(key);
    }

    @SuppressWarnings("unchecked")
    private List<String> list(String key) {
        return (List<String>) value(key);
    }

    /** A choice the table keeps in lower case, as the enum constant of that name. */
    private <E extends Enum<E>> E upperCase(Class<E> type, String key) {
        return Enum.valueOf(type, text(key).toUpperCase(Locale.ROOT));
    }
}
