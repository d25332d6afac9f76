package io.incidentstream.application.port.in;

import java.util.Map;

/** Connection and event counts since start. */
public record Statistics(
        long activeConnections,
        long totalConnections,
        long activeSubscriptions,
        long eventsBroadcast,
        long eventsDelivered,
        Map<String, Long> eventsByType,
        long messagesSent,
        long messagesReceived,
        long sendErrors,
        long connectionErrors,
        long heartbeatsAnswered,
        long queuedEvents,
        long pendingDispatch,
        String epoch,
        long lastSeq) {}
