package io.incidentstream.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.port.in.AlertNotification;
import io.incidentstream.application.port.in.AlertNotification.Source;
import io.incidentstream.application.port.in.AlertNotification.Status;
import io.incidentstream.codec.json.Fields;
import io.incidentstream.codec.json.InvalidJsonException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the webhook body of Alertmanager ({@code version} "4") or Grafana ({@code version} "1", the
 * same shape with extra fields, which are ignored). Everything is checked before anything is
 * decided, and an error names the field by its path ({@code alerts[3].startsAt}).
 */
final class AlertNotificationDecoder {

    static final String INVALID_NOTIFICATION = "INVALID_NOTIFICATION";

    private AlertNotificationDecoder() {}

    /**
     * @param userAgent the request's {@code User-Agent}, or null: Grafana names itself there
     * @param maxAlerts more alerts than this are refused (413) before any is decoded
     */
    static AlertNotification decode(JsonNode body, String userAgent, int maxAlerts) {
        return EventDecoder.decode(INVALID_NOTIFICATION, () -> {
            Fields fields = Fields.of(body, null, "the notification");
            String version = fields.text("version");
            if (!version.equals("4") && !version.equals("1")) {
                throw new InvalidJsonException(
                        "version",
                        "version must be \"4\" (Alertmanager) or \"1\" (Grafana)," + " got \"" + abbreviate(version)
                                + "\"");
            }
            Status status = status(fields, "status");
            JsonNode alerts = fields.raw("alerts");
            if (alerts == null || !alerts.isArray()) {
                throw new InvalidJsonException(
                        "alerts",
                        alerts == null || alerts.isNull()
                                ? "missing required field 'alerts'"
                                : "alerts must be an array");
            }
            if (alerts.size() > maxAlerts) {
                throw new ApiException(ApiError.tooManyAlerts(alerts.size(), maxAlerts));
            }
            List<AlertNotification.Alert> decoded = new ArrayList<>(alerts.size());
            for (int i = 0; i < alerts.size(); i++) {
                decoded.add(alert(Fields.of(alerts.get(i), "alerts[" + i + "]", "alerts[" + i + "]")));
            }
            String groupKey = fields.optText("groupKey");
            return new AlertNotification(source(fields, userAgent), groupKey, status, decoded);
        });
    }

    private static AlertNotification.Alert alert(Fields alert) {
        Status status = status(alert, "status");
        alert.object("labels");
        String fingerprint = alert.text("fingerprint");
        if (fingerprint.isBlank()) {
            throw new InvalidJsonException(alert.path("fingerprint"), alert.path("fingerprint") + " must not be empty");
        }
        return new AlertNotification.Alert(
                status,
                alert.stringMap("labels"),
                alert.stringMap("annotations"),
                alert.instant("startsAt"),
                unsetIfZero(alert.optInstant("endsAt")),
                alert.optText("generatorURL"),
                fingerprint);
    }

    /** {@code firing} or {@code resolved}, exactly. */
    private static Status status(Fields fields, String name) {
        String text = fields.text(name);
        return switch (text) {
            case "firing" -> Status.FIRING;
            case "resolved" -> Status.RESOLVED;
            default ->
                throw new InvalidJsonException(
                        fields.path(name),
                        fields.path(name) + " must be \"firing\" or \"resolved\", got \"" + abbreviate(text) + "\"");
        };
    }

    /** Grafana's payload carries {@code orgId}, and its requests say so in {@code User-Agent}. */
    private static Source source(Fields fields, String userAgent) {
        boolean grafana = fields.has("orgId")
                || (userAgent != null && userAgent.toLowerCase(Locale.ROOT).startsWith("grafana"));
        return grafana ? Source.GRAFANA : Source.ALERTMANAGER;
    }

    /** Go's zero time ({@code 0001-01-01T00:00:00Z}), which firing alerts carry, means "not ended". */
    private static Instant unsetIfZero(Instant instant) {
        return instant == null || instant.isBefore(Instant.EPOCH) ? null : instant;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
