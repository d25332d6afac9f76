package io.incidentstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One delivered {@code event} message: the typed event, or null for an event type this client does
 * not know ({@code raw} has it all), with its stream position and the subscriptions it was sent for.
 */
public record EventFrame(
        UUID messageId,
        Event event,
        Instant timestamp,
        long seq,
        Priority priority,
        List<String> subscriptionIds,
        String epoch,
        JsonNode raw) {}
