package io.incidentstream.adapters.http;

import java.util.UUID;

/** JSON request bodies for the tests, valid unless the name says otherwise. */
final class Bodies {

    private Bodies() {}

    static String incident(String severity, String source) {
        return """
                {"severity":"%s","source":"%s","title":"checkout latency above SLO",
                 "affected_resources":["checkout-api"],"labels":{"team":"payments","env":"prod"}}""".formatted(severity, source);
    }

    static String incidentCreated(String severity) {
        return "{\"event_type\":\"incident_created\",\"incident\":" + incident(severity, "prometheus") + "}";
    }

    static String systemEvent(String message) {
        return "{\"event_type\":\"system_event\",\"category\":\"maintenance\",\"message\":\"" + message
                + "\",\"metadata\":{}}";
    }

    static String comment(UUID incidentId) {
        return "{\"event_type\":\"comment_added\",\"incident_id\":\"" + incidentId
                + "\",\"author\":\"alice\",\"comment\":\"looking\"}";
    }

    static String alert(String severity) {
        return """
                {"source":"alertmanager","severity":"%s","alert_type":"Performance","title":"HighLatency",
                 "labels":{"team":"payments"},"affected_services":["checkout-api"]}""".formatted(severity);
    }
}
