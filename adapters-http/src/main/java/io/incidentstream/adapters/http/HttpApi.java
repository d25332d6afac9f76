package io.incidentstream.adapters.http;

import io.incidentstream.application.port.in.AlertIntakeUseCase;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.application.port.in.LifecycleUseCase;
import io.incidentstream.application.port.in.PresenceQuery;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.in.StatisticsQuery;
import io.incidentstream.codec.json.DomainReader;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP API: one Jetty core handler that routes {@code /api/v1/...}, {@code /health...},
 * {@code /metrics} and non-upgrade requests to {@code /ws}, and answers every other path itself
 * with the JSON error envelope (404, or 405 with {@code Allow}).
 *
 * <p>No request ever blocks a Jetty thread: bodies are read as they arrive ({@link BodyReader}),
 * responses are written asynchronously, and the use cases called are in-memory and bounded. So the
 * handler declares itself {@code NON_BLOCKING}: Jetty may run a request on the selector thread that
 * read it. What can take milliseconds (listing incidents, statistics, a scrape, a large body or one
 * of unknown length, a publish or an alert that may wait on Redis) is handed to Jetty's pool by the
 * route itself, so that it never holds up the reading of other connections.
 *
 * <p>Routes are matched on the full request path, so the handler is meant to sit at the root of
 * the server (behind the WebSocket upgrade handler), not inside a context with its own path.
 *
 * <p>Access is checked per route by {@link AccessGuard}, before the endpoint reads anything: writes
 * need a publisher API key (when keys are configured), reads need credentials when
 * {@link HttpSettings#protectReadEndpoints()} is on, health never does.
 */
public final class HttpApi extends Handler.Abstract {

    private final RouteTable routes = new RouteTable();
    private final AccessGuard guard;

    public HttpApi(
            HttpSettings settings,
            AuthenticationUseCase authentication,
            PublishUseCase publisher,
            IncidentQuery incidents,
            StatisticsQuery statistics,
            LifecycleUseCase lifecycle,
            MetricsSource metrics,
            AlertIntakeUseCase alerts,
            Clock clock,
            Supplier<UUID> ids) {
        // Nothing here waits (bodies are read by demand, responses written asynchronously), so Jetty may
        // run requests on the thread that read them, without handing each one to its pool: measured
        // on ingest, one event per request, about 25% more events per second at 35% less CPU per event.
        // What can take milliseconds moves to the pool itself (pooled, pooledIfLarge), so that it
        // never holds up the reading of other connections.
        super(InvocationType.NON_BLOCKING);
        Objects.requireNonNull(settings, "settings");
        this.guard = new AccessGuard(
                Objects.requireNonNull(authentication, "authentication"), settings.protectReadEndpoints());
        IngestEndpoints ingest = new IngestEndpoints(
                Objects.requireNonNull(publisher, "publisher"),
                new DomainReader(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(ids, "ids")),
                settings);
        IncidentEndpoints read = new IncidentEndpoints(Objects.requireNonNull(incidents, "incidents"));
        StatsEndpoint stats = new StatsEndpoint(Objects.requireNonNull(statistics, "statistics"));
        HealthEndpoints health =
                new HealthEndpoints(Objects.requireNonNull(lifecycle, "lifecycle"), clock, settings.version());
        MetricsEndpoint scrape = new MetricsEndpoint(Objects.requireNonNull(metrics, "metrics"));
        AlertWebhookEndpoint webhook = new AlertWebhookEndpoint(Objects.requireNonNull(alerts, "alerts"), settings);
        ApiDocuments documents = new ApiDocuments();

        // A publish that waits on a shared engine (Redis) must never hold a selector thread.
        java.util.function.UnaryOperator<RouteTable.Endpoint> ingestOn =
                publisher.mayWait() ? HttpApi::pooled : HttpApi::pooledIfLarge;
        routes.route("POST", "/api/v1/events", ingestOn.apply(guard.write(ingest::events)))
                .route("POST", "/api/v1/incidents", ingestOn.apply(guard.write(ingest::incidents)))
                .route("POST", "/api/v1/alerts", ingestOn.apply(guard.write(ingest::alerts)))
                // Always on the pool: the intake may wait on a shared episode store (Redis) in a cluster.
                .route("POST", "/api/v1/integrations/alertmanager", pooled(guard.write(webhook::alertmanager)))
                .route("GET", "/api/v1/incidents", pooled(guard.read(read::list)))
                .route("GET", "/api/v1/incidents/{id}", guard.read(read::one))
                .route("GET", "/api/v1/stats", pooled(guard.read(stats::stats)))
                // Never protected: they describe the API, and API explorers fetch them before any credential.
                .route("GET", "/api/v1/openapi.json", documents::openApi)
                .route("GET", "/api/v1/asyncapi.json", documents::asyncApi)
                // Never protected: load balancers and orchestrators probe without credentials.
                .route("GET", "/health", health::health)
                .route("GET", "/health/live", health::live)
                .route("GET", "/health/ready", health::ready)
                .route("GET", "/metrics", pooled(guard.operator(scrape::metrics)))
                // Upgrades to /ws are taken by the WebSocket handler in front of this one.
                .route(
                        "GET",
                        "/ws",
                        exchange -> exchange.fail(ApiError.upgradeRequired(
                                exchange.path(),
                                exchange.request().getHeaders().get("Upgrade"),
                                exchange.request().getHeaders().get("Sec-WebSocket-Version"))));
    }

    /**
     * Adds {@code GET /api/v1/incidents/{id}/watchers} (presence), read like the incident itself.
     * Call before the server starts.
     */
    public HttpApi presence(PresenceQuery presence) {
        WatcherEndpoints watchers = new WatcherEndpoints(Objects.requireNonNull(presence, "presence"));
        routes.route("GET", "/api/v1/incidents/{id}/watchers", guard.read(watchers::watchers));
        return this;
    }

    /**
     * Every path this API routes, with its methods, in the order routed: the start-up banner lists
     * them, so that a route added here is announced without anyone editing the banner.
     */
    public java.util.Map<String, java.util.List<String>> routes() {
        return routes.paths();
    }

    /**
     * Bodies up to this size (a single event, a batch of tens) are decoded where they were read; larger
     * ones, or of unknown size, on the pool. Measured with batches of 100 events (about 40 KB) on a
     * 2-core machine, decoded inline: 17% fewer events per second than on the pool, at 26% less CPU.
     */
    static final long INLINE_BODY_BYTES = 64 * 1024;

    /** Runs {@code endpoint} on Jetty's thread pool: for answers whose size grows with the server's state. */
    private static RouteTable.Endpoint pooled(RouteTable.Endpoint endpoint) {
        return exchange -> exchange.request()
                .getComponents()
                .getExecutor()
                .execute(() -> exchange.run(() -> endpoint.handle(exchange)));
    }

    private static RouteTable.Endpoint pooledIfLarge(RouteTable.Endpoint endpoint) {
        RouteTable.Endpoint pooled = pooled(endpoint);
        return exchange -> {
            long length = exchange.request().getLength();
            if (length >= 0 && length <= INLINE_BODY_BYTES) {
                endpoint.handle(exchange);
            } else {
                pooled.handle(exchange);
            }
        };
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getCanonicalPath();
        Exchange exchange = new Exchange(request, response, callback, path == null ? "/" : path);
        exchange.run(() -> {
            RouteTable.Match match = routes.resolve(request.getMethod(), exchange.path());
            if (match.found()) {
                exchange.pathParameter(match.parameter());
                match.endpoint().handle(exchange);
            } else if (match.pathKnown()) {
                exchange.fail(ApiError.methodNotAllowed(request.getMethod(), exchange.path(), match.allowed()));
            } else {
                exchange.fail(ApiError.notFound("no such endpoint: " + exchange.path()));
            }
        });
        return true;
    }
}
