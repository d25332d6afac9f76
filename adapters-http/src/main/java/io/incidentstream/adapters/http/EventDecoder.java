package io.incidentstream.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.codec.json.DomainReader;
import io.incidentstream.codec.json.DomainWriter;
import io.incidentstream.codec.json.Fields;
import io.incidentstream.codec.json.InvalidJsonException;
import io.incidentstream.codec.json.Json;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns an ingest body into publications: one event object, or a non-empty array of them, each
 * with an optional {@code priority}. Everything is decoded and checked before anything is
 * published, so one bad element refuses the whole batch; errors name the field by its path, with
 * the element's index first ({@code [2].incident.severity}).
 */
final class EventDecoder {

    static final String INVALID_EVENT = "INVALID_EVENT";

    private final DomainReader reader;
    private final int maxEventBytes;

    EventDecoder(DomainReader reader, int maxEventBytes) {
        this.reader = reader;
        this.maxEventBytes = maxEventBytes;
    }

    List<Publication> publications(JsonNode body) {
        if (!body.isArray()) {
            return List.of(publication(body, null, 0));
        }
        if (body.isEmpty()) {
            throw new ApiException(ApiError.invalidDocument(
                    INVALID_EVENT, null, "the batch is empty: send one event, or an array of at least one"));
        }
        List<Publication> publications = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            publications.add(publication(body.get(i), "[" + i + "]", i));
        }
        return publications;
    }

    private Publication publication(JsonNode node, String path, int index) {
        Publication publication = decode(INVALID_EVENT, () -> {
            Fields fields = Fields.of(node, path, path == null ? "the event" : "event " + path);
            Event event = reader.published(fields);
            return new Publication(event, fields.optEnum("priority", Priority::parse));
        });
        checkSize(publication.event(), index);
        return publication;
    }

    /**
     * Refuses an event over {@code max_event_bytes}, measured as the JSON subscribers will get
     * (defaults filled in), not as the client happened to format it.
     */
    void checkSize(Event event, int index) {
        int size = Json.write(out -> DomainWriter.event(out, event)).length;
        if (size > maxEventBytes) {
            throw new ApiException(ApiError.eventTooLarge(index, size, maxEventBytes));
        }
    }

    /** Runs a codec read, turning its error into {@code code} with the field's path. */
    static <T> T decode(String code, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidJsonException e) {
            throw new ApiException(ApiError.invalidDocument(code, e.field(), e.getMessage()));
        }
    }
}
