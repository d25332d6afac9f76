package io.incidentstream.adapters.http;

import io.incidentstream.application.message.Watcher;
import io.incidentstream.application.port.in.PresenceQuery;
import io.incidentstream.codec.json.DomainWriter;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/incidents/{id}/watchers}: who is watching an incident now. Scoped like
 * {@code GET /api/v1/incidents/{id}}: an incident outside the caller's scope is answered like an
 * unknown one (404), so that neither it nor its watchers leak.
 */
final class WatcherEndpoints {

    private final PresenceQuery presence;

    WatcherEndpoints(PresenceQuery presence) {
        this.presence = presence;
    }

    /** 200 {@code {"incident_id", "watchers": [{"user", "name", "since"}]}}, or 404. */
    void watchers(Exchange exchange) {
        UUID id = IncidentEndpoints.incidentId(exchange);
        List<Watcher> watchers = presence.watchers(id, exchange.access())
                .orElseThrow(() -> new ApiException(ApiError.notFound("no incident with id " + id)));
        exchange.json(200, out -> {
            out.writeStartObject();
            out.writeStringField("incident_id", id.toString());
            out.writeArrayFieldStart("watchers");
            for (Watcher watcher : watchers) {
                out.writeStartObject();
                out.writeStringField("user", watcher.user());
                out.writeStringField("name", watcher.name());
                DomainWriter.instant(out, "since", watcher.since());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }
}
