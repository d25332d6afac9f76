package io.incidentstream.adapters.http;

import io.incidentstream.application.port.in.LifecycleUseCase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Liveness ({@code /health/live}: the process answers), readiness ({@code /health/ready}: 503 once
 * shutdown has begun, so load balancers stop sending work) and the original parent application's
 * {@code /health}, kept for its monitors.
 */
final class HealthEndpoints {

    private final LifecycleUseCase lifecycle;
    private final Clock clock;
    private final Instant started;
    private final String version;

    HealthEndpoints(LifecycleUseCase lifecycle, Clock clock, String version) {
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.started = clock.instant();
        this.version = version;
    }

    void live(Exchange exchange) {
        status(exchange, 200, "live");
    }

    void ready(Exchange exchange) {
        if (lifecycle.ready()) {
            status(exchange, 200, "ready");
        } else {
            String reason = lifecycle.notReadyReason();
            exchange.json(503, out -> {
                out.writeStartObject();
                out.writeStringField("status", "not_ready");
                out.writeStringField("reason", reason);
                out.writeEndObject();
            });
        }
    }

    /** 200 {@code {"status":"healthy","version":..,"uptime_seconds":..}}. */
    void health(Exchange exchange) {
        long uptime = Math.max(0, Duration.between(started, clock.instant()).toSeconds());
        exchange.json(200, out -> {
            out.writeStartObject();
            out.writeStringField("status", "healthy");
            out.writeStringField("version", version);
            out.writeNumberField("uptime_seconds", uptime);
            out.writeEndObject();
        });
    }

    private static void status(Exchange exchange, int code, String status) {
        exchange.json(code, out -> {
            out.writeStartObject();
            out.writeStringField("status", status);
            out.writeEndObject();
        });
    }
}
