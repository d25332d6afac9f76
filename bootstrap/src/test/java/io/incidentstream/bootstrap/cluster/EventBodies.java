package io.incidentstream.bootstrap.cluster;

/** The JSON bodies the cluster tests post to {@code /api/v1/events} and {@code /api/v1/incidents}. */
final class EventBodies {

    private EventBodies() {}

    /** A {@code system_event} of category {@code test}: an event that belongs to no incident. */
    static String system(String message) {
        return "{\"event_type\":\"system_event\",\"category\":\"test\",\"message\":\"" + message + "\"}";
    }

    /** A new incident from source {@code prom}, its id chosen by the server. */
    static String incident(String severity, String title) {
        return "{\"severity\":\"" + severity + "\",\"source\":\"prom\",\"title\":\"" + title + "\"}";
    }

    /** A new incident with the id {@code id}. */
    static String incident(String id, String severity, String source, String title) {
        return "{\"id\":\"" + id + "\",\"severity\":\"" + severity + "\",\"source\":\"" + source + "\","
                + "\"title\":\"" + title + "\"}";
    }

    static String escalated(String incident, String from, String to, String reason) {
        return "{\"event_type\":\"escalated\",\"incident_id\":\"" + incident + "\",\"from_severity\":\"" + from
                + "\",\"to_severity\":\"" + to + "\",\"reason\":\"" + reason + "\"}";
    }

    /** A comment by {@code ann}. */
    static String comment(String incident, String text) {
        return "{\"event_type\":\"comment_added\",\"incident_id\":\"" + incident + "\",\"author\":\"ann\","
                + "\"comment\":\"" + text + "\"}";
    }
}
