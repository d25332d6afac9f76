package io.incidentstream.adapters.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.codec.json.DomainReader;
import io.incidentstream.codec.json.Fields;
import io.incidentstream.codec.json.InvalidJsonException;
import io.incidentstream.codec.json.Json;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.InvalidValueException;
import java.time.Clock;
import java.util.UUID;

/**
 * The {@value #CLAIM} claim of a token: a filter object with the keys of a subscription's filter
 * ({@code event_types}, {@code severities}, {@code states}, {@code sources},
 * {@code affected_resources}, {@code labels}, {@code incident_ids}), read by the same strict reader,
 * so a misspelt key is refused instead of silently widening what the holder may see.
 */
final class StreamScope {

    static final String CLAIM = "stream_scope";

    // A filter holds no timestamps or generated ids, so the reader's clock and id source are never used.
    private static final DomainReader READER = new DomainReader(Clock.systemUTC(), UUID::randomUUID);

    private StreamScope() {}

    /**
     * The scope in a token's claims (the JWT payload as JSON text), or null when the claim is absent.
     *
     * @throws InvalidScopeException when the claim is present but not a valid filter object
     */
    static Filter fromPayload(String payloadJson) {
        JsonNode claim;
        try {
            claim = Json.parse(payloadJson).get(CLAIM);
        } catch (InvalidJsonException e) {
            throw new InvalidScopeException(e.getMessage());
        }
        if (claim == null) {
            return null;
        }
        // A present but null scope is refused rather than read as "no restriction": failing closed.
        try {
            return READER.filter(Fields.of(claim, CLAIM, CLAIM));
        } catch (InvalidJsonException | InvalidValueException e) {
            throw new InvalidScopeException(e.getMessage());
        }
    }

    /** The claim is there but is not a filter. */
    static final class InvalidScopeException extends RuntimeException {

        InvalidScopeException(String message) {
            super(message);
        }
    }
}
