package io.incidentstream.adapters.http;

import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.codec.json.DomainReader;
import io.incidentstream.codec.json.DomainWriter;
import io.incidentstream.codec.json.Fields;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code POST /api/v1/events}, {@code /api/v1/incidents} and {@code /api/v1/alerts}: decode the
 * whole body, then publish once. A request is all or nothing: any error, or a refusal by the
 * stream, publishes nothing.
 */
final class IngestEndpoints {

    private final PublishUseCase publisher;
    private final DomainReader reader;
    private final EventDecoder decoder;
    private final HttpSettings settings;

    IngestEndpoints(PublishUseCase publisher, DomainReader reader, HttpSettings settings) {
        this.publisher = publisher;
        this.reader = reader;
        this.decoder = new EventDecoder(reader, settings.maxEventBytes());
        this.settings = settings;
    }

    /** 202 {@code {"accepted": n, "message_ids": [...], "seqs": [...]}}. */
    void events(Exchange exchange) {
        JsonBody.read(exchange, settings.maxRequestBytes(), body -> {
            List<Publication> publications = decoder.publications(body);
            publish(
                    exchange,
                    publications,
                    receipts -> exchange.json(202, out -> {
                        out.writeStartObject();
                        out.writeNumberField("accepted", receipts.size());
                        out.writeArrayFieldStart("message_ids");
                        for (PublishResult.Receipt receipt : receipts) {
                            out.writeString(receipt.messageId().toString());
                        }
                        out.writeEndArray();
                        out.writeArrayFieldStart("seqs");
                        for (PublishResult.Receipt receipt : receipts) {
                            out.writeNumber(receipt.seq());
                        }
                        out.writeEndArray();
                        out.writeEndObject();
                    }));
        });
    }

    /** Publishes {@code incident_created}; 202 with the incident as stored, defaults filled in. */
    void incidents(Exchange exchange) {
        JsonBody.read(exchange, settings.maxRequestBytes(), body -> {
            Incident incident = EventDecoder.decode(
                    "INVALID_INCIDENT", () -> reader.incident(Fields.of(body, null, "the incident")));
            IncidentCreated event = new IncidentCreated(incident);
            decoder.checkSize(event, 0);
            publish(
                    exchange,
                    List.of(Publication.of(event)),
                    receipts -> exchange.json(202, out -> DomainWriter.incident(out, incident)));
        });
    }

    /** Publishes {@code alert_received}; 202 with the alert, defaults filled in. */
    void alerts(Exchange exchange) {
        JsonBody.read(exchange, settings.maxRequestBytes(), body -> {
            Alert alert = EventDecoder.decode("INVALID_ALERT", () -> reader.alert(Fields.of(body, null, "the alert")));
            AlertReceived event = new AlertReceived(alert);
            decoder.checkSize(event, 0);
            publish(
                    exchange,
                    List.of(Publication.of(event)),
                    receipts -> exchange.json(202, out -> DomainWriter.alert(out, alert)));
        });
    }

    private void publish(
            Exchange exchange, List<Publication> publications, Consumer<List<PublishResult.Receipt>> accepted) {
        PublishResult result = publisher.publish(publications);
        if (result instanceof PublishResult.Accepted ok) {
            accepted.accept(ok.receipts());
        } else if (result instanceof PublishResult.Rejected rejected) {
            exchange.fail(HttpErrors.rejected(rejected, settings.retryAfterSeconds()));
        }
    }
}
