package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.BadInputCorpus.BAD_UUIDS;
import static io.incidentstream.bootstrap.BadInputCorpus.UUID_A;
import static io.incidentstream.bootstrap.HttpCase.accepted;
import static io.incidentstream.bootstrap.HttpCase.invalidJson;
import static io.incidentstream.bootstrap.HttpCase.post;
import static io.incidentstream.bootstrap.HttpCorpusDocuments.*;

import java.util.List;

/**
 * The part of the HTTP corpus about the values of fields of the right type: unknown enumeration
 * values, malformed UUIDs, and numbers out of range or in odd spellings.
 */
final class HttpFieldValueCorpus {

    private HttpFieldValueCorpus() {}

    static void unknownValues(List<HttpCase> cases) {
        List<String> severities = List.of("p1", "P5", "", "P01", "P1 ", "critical", "High", "P-1", "\\u0050\\u0031x");
        for (String value : severities) {
            cases.add(post(
                    "incident severity '" + value + "'",
                    "/api/v1/incidents",
                    incident().with("severity", "\"" + value + "\"").toString(),
                    400,
                    "INVALID_INCIDENT",
                    "severity"));
            cases.add(post(
                    "alert severity '" + value + "'",
                    "/api/v1/alerts",
                    alert().with("severity", "\"" + value + "\"").toString(),
                    400,
                    "INVALID_ALERT",
                    "severity"));
            cases.add(post(
                    "escalated to_severity '" + value + "'",
                    "/api/v1/events",
                    EVENTS.get("escalated")
                            .with("to_severity", "\"" + value + "\"")
                            .toString(),
                    400,
                    "INVALID_EVENT",
                    "to_severity"));
        }
        for (String value : List.of("detected", "Open", "Done", "RESOLVED", "Resolved ", "")) {
            cases.add(post(
                    "incident state '" + value + "'",
                    "/api/v1/incidents",
                    incident().with("state", "\"" + value + "\"").toString(),
                    400,
                    "INVALID_INCIDENT",
                    "state"));
            cases.add(post(
                    "previous_state '" + value + "'",
                    "/api/v1/events",
                    EVENTS.get("incident_updated")
                            .with("previous_state", "\"" + value + "\"")
                            .toString(),
                    400,
                    "INVALID_EVENT",
                    "previous_state"));
        }
        for (String value : List.of("security", "Other", "infra", "")) {
            cases.add(post(
                    "incident_type '" + value + "'",
                    "/api/v1/incidents",
                    incident().with("incident_type", "\"" + value + "\"").toString(),
                    400,
                    "INVALID_INCIDENT",
                    "incident_type"));
            cases.add(post(
                    "alert_type '" + value + "'",
                    "/api/v1/alerts",
                    alert().with("alert_type", "\"" + value + "\"").toString(),
                    400,
                    "INVALID_ALERT",
                    "alert_type"));
        }
        for (String value : List.of("manual", "Auto", "")) {
            cases.add(post(
                    "resolution_method '" + value + "'",
                    "/api/v1/incidents",
                    incident()
                            .with(
                                    "resolution",
                                    resolution()
                                            .with("resolution_method", "\"" + value + "\"")
                                            .toString())
                            .toString(),
                    400,
                    "INVALID_INCIDENT",
                    "resolution.resolution_method"));
        }
        for (String value : List.of(
                "Incident_Created",
                "incident-created",
                "incident_deleted",
                "",
                "INCIDENT_CREATED",
                "incidentCreated",
                "system_event ")) {
            cases.add(post(
                    "event_type '" + value + "'",
                    "/api/v1/events",
                    EVENTS.get("system_event")
                            .with("event_type", "\"" + value + "\"")
                            .toString(),
                    400,
                    "INVALID_EVENT",
                    "event_type"));
        }
        for (String value : List.of("urgent", "Low", "medium", "", "HIGH", "P0")) {
            cases.add(post(
                    "priority '" + value + "'",
                    "/api/v1/events",
                    EVENTS.get("system_event")
                            .with("priority", "\"" + value + "\"")
                            .toString(),
                    400,
                    "INVALID_EVENT",
                    "priority"));
        }
    }

    static void badUuids(List<HttpCase> cases) {
        for (String bad : BAD_UUIDS) {
            String raw = "\"" + bad + "\"";
            cases.add(post(
                    "incident id '" + bad + "'",
                    "/api/v1/incidents",
                    incident().with("id", raw).toString(),
                    400,
                    "INVALID_INCIDENT",
                    "id"));
            cases.add(post(
                    "related_incidents[1] '" + bad + "'",
                    "/api/v1/incidents",
                    incident()
                            .with("related_incidents", "[\"" + UUID_A + "\"," + raw + "]")
                            .toString(),
                    400,
                    "INVALID_INCIDENT",
                    "related_incidents[1]"));
            cases.add(post(
                    "alert incident_id '" + bad + "'",
                    "/api/v1/alerts",
                    alert().with("incident_id", raw).toString(),
                    400,
                    "INVALID_ALERT",
                    "incident_id"));
            cases.add(post(
                    "event incident_id '" + bad + "'",
                    "/api/v1/events",
                    EVENTS.get("comment_added").with("incident_id", raw).toString(),
                    400,
                    "INVALID_EVENT",
                    "incident_id"));
        }
        cases.add(accepted(
                "upper-case UUIDs",
                "/api/v1/events",
                EVENTS.get("playbook_started")
                        .with("incident_id", "\"" + UUID_A.toUpperCase() + "\"")
                        .toString(),
                1));
    }

    static void numbers(List<HttpCase> cases) {
        for (String huge : List.of("1e400", "-1e400", "1.7976931348623159e308")) {
            cases.add(post(
                    "correlation_score " + huge,
                    "/api/v1/incidents",
                    incident().with("correlation_score", huge).toString(),
                    400,
                    "INVALID_INCIDENT",
                    "correlation_score"));
        }
        for (String ok : List.of("1e308", "-0.0", "123456789012345678901234567890", "1e-400", "0")) {
            cases.add(accepted(
                    "correlation_score " + ok,
                    "/api/v1/incidents",
                    incident().with("correlation_score", ok).toString(),
                    1));
        }
        cases.add(accepted(
                "actions_executed = Integer.MAX_VALUE",
                "/api/v1/events",
                EVENTS.get("playbook_completed")
                        .with("actions_executed", "2147483647")
                        .toString(),
                1));
        cases.add(accepted(
                "actions_executed = 0",
                "/api/v1/events",
                EVENTS.get("playbook_completed").with("actions_executed", "0").toString(),
                1));
        for (String token : List.of(
                "NaN",
                "Infinity",
                "-Infinity",
                "+Infinity",
                "+1",
                "01",
                ".5",
                "1.",
                "0x10",
                "1e",
                "-",
                "--1",
                "1e+",
                "nan",
                "undefined",
                "1_000")) {
            cases.add(invalidJson(
                    "correlation_score token " + token,
                    "/api/v1/incidents",
                    incident().with("correlation_score", token).toString()));
            cases.add(invalidJson(
                    "actions_executed token " + token,
                    "/api/v1/events",
                    EVENTS.get("playbook_completed")
                            .with("actions_executed", token)
                            .toString()));
        }
    }
}
