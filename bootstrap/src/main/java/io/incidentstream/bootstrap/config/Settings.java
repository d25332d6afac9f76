package io.incidentstream.bootstrap.config;

import io.incidentstream.application.alerts.AlertIntakeSettings.IncidentPer;
import io.incidentstream.application.alerts.SeverityMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key the server knows, with its default and meaning: the one table that
 * validates the configuration and generates {@code --help} and the example configuration file.
 */
final class Settings {

    /**
     * The settings in groups, as {@code --help} and the example configuration show them. A feature
     * adds its settings as a group of its own.
     */
    static final List<SettingGroup> GROUPS = List.of(
            SettingGroup.of(
                    "Listening",
                    Setting.optionalText(
                            "host",
                            "Address to listen on. Empty: loopback (127.0.0.1) while no access control (api_keys,"
                                    + " jwt_*) is configured, so that an open server is not reachable from other machines;"
                                    + " every interface (0.0.0.0) once it is. Set it (e.g. 0.0.0.0) to choose yourself."),
                    Setting.integer(
                            "port",
                            8080,
                            0,
                            65535,
                            "Port for WebSocket, HTTP API, metrics and health; 0 picks a free port."),
                    Setting.bool(
                            "http_enabled",
                            true,
                            "Serve plain HTTP and WebSocket on port; false serves only HTTPS and WSS (TLS must then be configured)."),
                    Setting.integer(
                            "tls_port",
                            8443,
                            0,
                            65535,
                            "Port for HTTPS and WSS when TLS is configured; 0 picks a free port."),
                    Setting.optionalText(
                            "tls_cert_file",
                            "PEM certificate chain (server certificate first) for HTTPS/WSS; set together with tls_key_file."),
                    Setting.optionalText(
                            "tls_key_file",
                            "PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----, RSA or EC) of tls_cert_file."),
                    Setting.optionalText(
                            "tls_keystore_file",
                            "PKCS12 or JKS keystore holding the server key and certificate chain, instead of the PEM files;"
                                    + " set together with tls_keystore_password."),
                    Setting.secret(
                            "tls_keystore_password",
                            "Password of tls_keystore_file and of the key inside it; never logged."),
                    Setting.list(
                            "trusted_proxies",
                            "Comma-separated IPs or CIDR ranges of proxies whose Forwarded/X-Forwarded-For headers are believed.",
                            SettingChecks::checkAddressRange),
                    Setting.list(
                            "allowed_origins",
                            "Comma-separated browser origins (scheme://host[:port]) allowed to open /ws and read /sse; empty allows any.",
                            SettingChecks::origin),
                    Setting.bool(
                            "enable_compression",
                            true,
                            "Offer permessage-deflate (no context takeover: idle connections keep no compressor state).")),
            SettingGroup.of(
                    "Access control",
                    // No check here: the loader quotes a refused value, and these are secrets.
                    // AccessModule checks them.
                    Setting.list(
                            "api_keys",
                            "Comma-separated publisher API keys (at least 16 characters each), required as 'Authorization: Bearer"
                                    + " <key>' on every write; hashed at start-up and never logged. Best set through the"
                                    + " environment (INCIDENT_STREAM_API_KEYS), not a flag or file.",
                            key -> key),
                    Setting.list(
                            "api_key_hashes",
                            "Comma-separated publisher API keys given as sha256:<64 hex digits> (echo -n KEY | sha256sum),"
                                    + " so the keys themselves need not be stored in the configuration.",
                            SettingChecks::checkKeyHash),
                    Setting.optionalText(
                            "api_keys_file",
                            "File with one publisher API key or sha256: hash per line; lines starting with # are comments. Read at"
                                    + " start-up."),
                    Setting.secret(
                            "jwt_hs256_secret",
                            "Shared secret (at least 32 bytes, taken exactly as given) that subscriber tokens are signed with"
                                    + " (HS256); empty: no HS256 tokens. Never logged."),
                    Setting.optionalText(
                            "jwt_public_key_file",
                            "PEM public keys (-----BEGIN PUBLIC KEY-----, each one used) or a certificate that subscriber"
                                    + " tokens are signed for: RSA (at least 2048 bits) for RS256, EC P-256 for ES256; empty: none."),
                    Setting.optionalText(
                            "jwt_issuer", "When set, subscriber tokens must carry exactly this iss claim."),
                    Setting.optionalText(
                            "jwt_audience", "When set, subscriber tokens must list this value in their aud claim."),
                    Setting.integer(
                            "jwt_clock_skew_secs",
                            30,
                            0,
                            600,
                            "Seconds of leeway when checking a token's exp and nbf against this server's clock."),
                    Setting.bool(
                            "protect_read_endpoints",
                            false,
                            "Require credentials (Authorization: Bearer) on GET /api/v1/incidents[/{id}], /api/v1/stats and"
                                    + " /metrics: a publisher API key reads all; a subscriber token reads incidents within its"
                                    + " scope and stats, not metrics. Health endpoints stay open.")),
            SettingGroup.of(
                    "Queues and slow consumers",
                    Setting.integer(
                            "max_pending_messages",
                            1000,
                            1,
                            1_000_000,
                            "Events queued per session before lower priorities give way (gap frames)."),
                    Setting.integer(
                            "max_pending_bytes",
                            1_048_576,
                            1024,
                            1L << 31,
                            "Bytes of events queued per session before lower priorities give way."),
                    Setting.integer(
                            "broadcast_capacity",
                            10_000,
                            1,
                            10_000_000,
                            "Events accepted but not yet dispatched; beyond it, ingest answers 503."),
                    Setting.integer(
                            "write_timeout_ms",
                            15_000,
                            100,
                            600_000,
                            "A session whose socket accepts no write for this long is closed as a slow consumer (4008).")),
            SettingGroup.of(
                    "Sessions and heartbeats",
                    Setting.integer(
                            "heartbeat_interval_secs",
                            30,
                            1,
                            3600,
                            "Seconds between server heartbeats; announced in welcome."),
                    Setting.integer(
                            "session_timeout_secs",
                            300,
                            1,
                            86_400,
                            "Seconds without any inbound frame after which a session is closed (4000)."),
                    Setting.integer(
                            "cleanup_interval_secs",
                            60,
                            1,
                            3600,
                            "Seconds between sweeps that close idle sessions and forget those whose connection is gone.")),
            SettingGroup.of(
                    "Limits per client and request",
                    Setting.integer(
                            "max_messages_per_sec",
                            100,
                            1,
                            100_000,
                            "Inbound messages one session may send per second (RATE_LIMITED beyond)."),
                    Setting.integer(
                            "rate_limit_close_after_secs",
                            10,
                            1,
                            3600,
                            "A session rate-limited in this many consecutive seconds is closed (4029)."),
                    Setting.integer(
                            "max_connections",
                            10_000,
                            1,
                            1_000_000,
                            "WebSocket connections in total; beyond, upgrades are refused with 503."),
                    Setting.integer(
                            "max_connections_per_address",
                            1000,
                            1,
                            1_000_000,
                            "WebSocket connections from one client address; beyond, upgrades are refused with 429."),
                    Setting.integer(
                            "max_message_bytes",
                            65_536,
                            256,
                            16L << 20,
                            "Largest inbound WebSocket message; larger ones close the connection with 1009."),
                    Setting.integer(
                            "max_subscriptions_per_session",
                            100,
                            1,
                            100_000,
                            "Subscriptions one session may hold (SUBSCRIPTION_LIMIT beyond)."),
                    Setting.integer(
                            "max_filter_values",
                            100,
                            1,
                            100_000,
                            "Values one filter list (or the labels object) may hold (SUBSCRIPTION_LIMIT beyond)."),
                    Setting.integer(
                            "max_event_bytes",
                            262_144,
                            256,
                            16L << 20,
                            "Largest event accepted at ingest (413 beyond)."),
                    Setting.integer(
                            "max_request_bytes",
                            10_485_760,
                            1024,
                            1L << 30,
                            "Largest HTTP request body accepted at ingest (413 beyond).")),
            SettingGroup.of(
                    "History and incidents",
                    Setting.integer(
                            "history_capacity",
                            10_000,
                            0,
                            10_000_000,
                            "Events kept for resuming subscribers (since/epoch); 0 keeps none."),
                    Setting.integer(
                            "history_ttl_secs",
                            3600,
                            1,
                            7 * 86_400,
                            "Seconds events are kept for resuming subscribers."),
                    Setting.integer(
                            "max_incidents",
                            100_000,
                            1,
                            10_000_000,
                            "Incidents the server keeps for filters, snapshots and the read API; least recently changed go first."),
                    Setting.integer(
                            "closed_incident_retention_secs",
                            86_400,
                            0,
                            30 * 86_400,
                            "Seconds resolved and closed incidents stay known after their last change."),
                    Setting.integer("snapshot_page_size", 100, 1, 10_000, "Incidents per snapshot message.")),
            SettingGroup.of(
                    "Shutdown",
                    Setting.integer(
                            "shutdown_timeout_secs",
                            10,
                            0,
                            600,
                            "On shutdown, how long sessions get to receive what is queued before the server stops."),
                    Setting.integer(
                            "shutdown_reconnect_window_secs",
                            10,
                            1,
                            3600,
                            "On shutdown, clients are told to reconnect after a random delay within this window.")),
            // Alert intake: POST /api/v1/integrations/alertmanager (Alertmanager and Grafana webhooks).
            SettingGroup.of(
                    "Alert intake",
                    new Setting(
                            "alert_severity_map",
                            "critical=P1,error=P2,warning=P3,info=P4",
                            "How an alert's severity label becomes P0..P4 (label=P0..P4, comma-separated, without case);"
                                    + " P0..P4 labels are taken as they are, other values P3.",
                            "label=P0..P4,...",
                            text -> {
                                SeverityMap.parse(text);
                                return text.trim();
                            }),
                    new Setting(
                            "alert_incident_per",
                            "alert",
                            "What opens an incident: 'alert' (each alert episode: fingerprint and startsAt) or 'group'"
                                    + " (each Alertmanager group while any of its alerts fires).",
                            "alert|group",
                            text -> IncidentPer.parse(text).name().toLowerCase(java.util.Locale.ROOT)),
                    Setting.integer(
                            "alert_max_per_notification",
                            1000,
                            1,
                            100_000,
                            "Alerts one webhook notification may carry; more are refused whole with 413."),
                    Setting.integer(
                            "alert_episode_retention_secs",
                            604_800,
                            60,
                            90L * 86_400,
                            "Seconds an alert episode is remembered after its last notification; a repeat after that"
                                    + " is taken as new."),
                    Setting.integer(
                            "alert_max_episodes",
                            100_000,
                            100,
                            10_000_000,
                            "Alert episodes remembered at most; beyond, the least recently notified are forgotten first.")),
            // Cluster (docs/cluster.md): several nodes serve one stream over Redis.
            SettingGroup.of(
                    "Cluster",
                    new Setting(
                            "engine",
                            "memory",
                            "Where the stream lives: memory (this node alone) or redis (every node"
                                    + " with the same redis_url and redis_key_prefix serves one stream).",
                            "memory|redis",
                            SettingChecks::checkEngine),
                    new Setting(
                            "redis_url",
                            "redis://127.0.0.1:6379/0",
                            "Redis of engine=redis:"
                                    + " redis://[:password@]host:port/db, or rediss:// for TLS. The password is never logged.",
                            "redis:// or rediss:// URL",
                            SettingChecks::checkRedisUrl),
                    new Setting(
                            "redis_key_prefix",
                            "incident-stream",
                            "Prefix of every Redis key of the stream; nodes with"
                                    + " the same prefix share one stream.",
                            "text",
                            SettingChecks::checkKeyPrefix),
                    Setting.integer(
                            "redis_timeout_ms",
                            2000,
                            50,
                            60_000,
                            "A Redis command not answered within this fails: ingest answers 503 ENGINE_UNAVAILABLE."),
                    Setting.integer(
                            "redis_connect_wait_secs",
                            30,
                            0,
                            3600,
                            "How long start-up retries the first Redis connection; then the node exits naming"
                                    + " redis_url (without its password)."),
                    Setting.optionalText(
                            "node_id",
                            "This node's name in welcome, logs and metrics; empty: the host name"
                                    + " and a random suffix.")),
            // Server-Sent Events (GET /sse) and HTTP/2, issue 17.
            SettingGroup.of(
                    "Server-Sent Events and HTTP/2",
                    Setting.integer(
                            "sse_retry_ms",
                            3000,
                            100,
                            600_000,
                            "Base of the retry: delay each /sse stream opens with; each stream gets a random delay from"
                                    + " this to twice this, so that reconnecting EventSource clients spread out."),
                    Setting.bool(
                            "http2_enabled",
                            true,
                            "Serve HTTP/2 besides HTTP/1.1 on every endpoint: h2c on port (prior knowledge or Upgrade),"
                                    + " h2 through ALPN on tls_port. WebSocket upgrades stay on HTTP/1.1.")),
            // Presence (who is watching an incident, issue 19).
            SettingGroup.of(
                    "Presence",
                    Setting.integer(
                            "max_watches_per_session",
                            20,
                            1,
                            10_000,
                            "Incidents one session may watch at once (SUBSCRIPTION_LIMIT beyond).")),
            SettingGroup.of(
                    "Logging",
                    Setting.choice(
                            "log_format",
                            "text",
                            "text: one readable line per entry; json: one JSON object per line (timestamp, level, node_id with"
                                    + " engine=redis, logger, thread, message, exception) for log shippers.",
                            "text",
                            "json"),
                    Setting.choice(
                            "log_level",
                            "info",
                            "Least severe level logged: error, warn, info, debug (adds session opens and closes) or"
                                    + " trace. LOG_LEVEL in the environment sets the level of the first lines of start-up.",
                            "error",
                            "warn",
                            "info",
                            "debug",
                            "trace")));

    /** Every setting, in the order of {@link #GROUPS}. */
    static final List<Setting> ALL =
            GROUPS.stream().flatMap(group -> group.settings().stream()).toList();

    private Settings() {}

    static Map<String, Setting> byKey() {
        Map<String, Setting> byKey = new LinkedHashMap<>();
        ALL.forEach(setting -> byKey.put(setting.key(), setting));
        return byKey;
    }
}
