package io.incidentstream.adapters.http;

import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.codec.json.DomainWriter;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.filter.Subject;
import io.incidentstream.domain.model.Incident;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;

/**
 * {@code GET /api/v1/incidents} (filtered) and {@code GET /api/v1/incidents/{id}}: the incidents the
 * server knows, narrowed to the caller's scope ({@link Exchange#access()}). An incident outside the
 * scope is answered exactly like an unknown one (404), so that its existence does not leak.
 */
final class IncidentEndpoints {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final IncidentQuery incidents;

    IncidentEndpoints(IncidentQuery incidents) {
        this.incidents = incidents;
    }

    /** 200 {@code {"incidents": [...], "count": n}}, most recently updated first. */
    void list(Exchange exchange) {
        Filter filter = exchange.access()
                .narrow(IncidentFilterParams.filter(Request.extractQueryParameters(exchange.request())));
        List<Incident> found = exchange.access().seesIncidents() ? incidents.incidents(filter) : List.of();
        exchange.json(200, out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("incidents");
            for (Incident incident : found) {
                DomainWriter.incident(out, incident);
            }
            out.writeEndArray();
            out.writeNumberField("count", found.size());
            out.writeEndObject();
        });
    }

    /** 200 with the incident, 404 when the server knows none with that id within the caller's scope. */
    void one(Exchange exchange) {
        UUID id = incidentId(exchange);
        Filter scope = exchange.access().narrow(Filter.all());
        Incident incident = incidents
                .incident(id)
                .filter(found -> exchange.access().seesIncidents() && scope.matches(Subject.of(found)))
                .orElseThrow(() -> new ApiException(ApiError.notFound("no incident with id " + id)));
        exchange.json(200, out -> DomainWriter.incident(out, incident));
    }

    /** The incident id of the path, or 400 naming the parameter. */
    static UUID incidentId(Exchange exchange) {
        String text = exchange.pathParameter();
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new ApiException(ApiError.invalidParameter(
                    "id",
                    "the incident id must be a UUID, got '"
                            + (text.length() <= 64 ? text : text.substring(0, 61) + "...") + "'"));
        }
        return UUID.fromString(text);
    }
}
