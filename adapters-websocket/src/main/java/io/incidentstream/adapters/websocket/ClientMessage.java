package io.incidentstream.adapters.websocket;

import io.incidentstream.domain.filter.Filter;
import java.util.UUID;

/** A message from a client, parsed and checked. */
sealed interface ClientMessage {

    /** {@code since} and {@code epoch} are both null or both set; {@code snapshot} defaults to false. */
    record Subscribe(String subscriptionId, Filter filter, Long since, String epoch, boolean snapshot)
            implements ClientMessage {}

    record Unsubscribe(String subscriptionId) implements ClientMessage {}

    /** {@code timestamp} is the client's value (String or Number) to echo, or null. */
    record Ping(Object timestamp) implements ClientMessage {}

    record Ack(UUID messageId) implements ClientMessage {}

    /** (ext) A fresh subscriber token, sent before the current one expires. */
    record Refresh(String token) implements ClientMessage {}

    /** (ext) Presence: start watching an incident; {@code name} is optional and unauthenticated. */
    record Watch(UUID incidentId, String name) implements ClientMessage {}

    /** (ext) Presence: stop watching an incident. */
    record Unwatch(UUID incidentId) implements ClientMessage {}
}
