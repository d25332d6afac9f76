package io.incidentstream.adapters.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.port.out.StreamEngine.Candidate;
import io.incidentstream.application.port.out.StreamEngine.Logged;
import io.incidentstream.codec.json.DomainReader;
import io.incidentstream.codec.json.DomainWriter;
import io.incidentstream.codec.json.Fields;
import io.incidentstream.codec.json.Json;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.model.Incident;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/**
 * The JSON an event is stored as in the stream: its message id, priority, acceptance time (to the
 * nanosecond, since every node derives the incident's {@code updated_at} from it), the event in its
 * wire form, and the incident it concerned before ({@code null} if unknown).
 */
final class EventCodec {

    // Every field is present in what this codec wrote, so the reader's defaults are never used.
    private final DomainReader reader = new DomainReader(Clock.systemUTC(), UUID::randomUUID);

    String payload(Candidate candidate) {
        return new String(
                Json.write(out -> {
                    out.writeStartObject();
                    out.writeStringField("m", candidate.messageId().toString());
                    out.writeStringField("p", candidate.priority().wire());
                    out.writeStringField("t", candidate.publishedAt().toString());
                    out.writeFieldName("e");
                    DomainWriter.event(out, candidate.event());
                    out.writeFieldName("b");
                    if (candidate.before() == null) {
                        out.writeNull();
                    } else {
                        DomainWriter.incident(out, candidate.before());
                    }
                    out.writeEndObject();
                }),
                StandardCharsets.UTF_8);
    }

    Logged logged(long seq, String payload) {
        Fields in = Fields.of(Json.parse(payload), null, "stored event " + seq);
        JsonNode before = in.raw("b");
        return new Logged(
                seq,
                in.uuid("m"),
                reader.event(in.object("e")),
                Priority.parse(in.text("p"), "p"),
                java.time.Instant.parse(in.text("t")),
                before == null || before.isNull() ? null : reader.incident(in.object("b")));
    }

    String incident(Incident incident) {
        return new String(Json.write(out -> DomainWriter.incident(out, incident)), StandardCharsets.UTF_8);
    }

    Incident incident(String json) {
        return reader.incident(Fields.of(Json.parse(json), null, "stored incident"));
    }
}
