package io.incidentstream.adapters.http;

import io.incidentstream.application.port.in.Statistics;
import io.incidentstream.application.port.in.StatisticsQuery;
import java.util.Map;

/** {@code GET /api/v1/stats}: connection and event counts since start, in snake_case. */
final class StatsEndpoint {

    private final StatisticsQuery statistics;

    StatsEndpoint(StatisticsQuery statistics) {
        this.statistics = statistics;
    }

    void stats(Exchange exchange) {
        Statistics s = statistics.statistics();
        exchange.json(200, out -> {
            out.writeStartObject();
            out.writeNumberField("active_connections", s.activeConnections());
            out.writeNumberField("total_connections", s.totalConnections());
            out.writeNumberField("active_subscriptions", s.activeSubscriptions());
            out.writeNumberField("events_broadcast", s.eventsBroadcast());
            out.writeNumberField("events_delivered", s.eventsDelivered());
            out.writeObjectFieldStart("events_by_type");
            for (Map.Entry<String, Long> entry : s.eventsByType().entrySet()) {
                out.writeNumberField(entry.getKey(), entry.getValue());
            }
            out.writeEndObject();
            out.writeNumberField("messages_sent", s.messagesSent());
            out.writeNumberField("messages_received", s.messagesReceived());
            out.writeNumberField("send_errors", s.sendErrors());
            out.writeNumberField("connection_errors", s.connectionErrors());
            out.writeNumberField("heartbeats_answered", s.heartbeatsAnswered());
            out.writeNumberField("queued_events", s.queuedEvents());
            out.writeNumberField("pending_dispatch", s.pendingDispatch());
            out.writeStringField("epoch", s.epoch());
            out.writeNumberField("last_seq", s.lastSeq());
            out.writeEndObject();
        });
    }
}
