package io.incidentstream.adapters.http;

import io.incidentstream.application.port.in.AlertIntakeResult;
import io.incidentstream.application.port.in.AlertIntakeUseCase;
import io.incidentstream.application.port.in.AlertNotification;
import org.eclipse.jetty.http.HttpHeader;

/**
 * {@code POST /api/v1/integrations/alertmanager}: the webhook receiver for Prometheus Alertmanager
 * and Grafana. Decodes the whole notification, hands it to the alert intake, and answers
 * 200 {@code {"alerts", "incidents_opened", "incidents_resolved", "deduplicated"}}; a malformed
 * notification (400, 413) or a refusal by the stream (503, 413) publishes nothing.
 */
final class AlertWebhookEndpoint {

    private final AlertIntakeUseCase intake;
    private final HttpSettings settings;

    AlertWebhookEndpoint(AlertIntakeUseCase intake, HttpSettings settings) {
        this.intake = intake;
        this.settings = settings;
    }

    void alertmanager(Exchange exchange) {
        String userAgent = exchange.request().getHeaders().get(HttpHeader.USER_AGENT);
        JsonBody.read(exchange, settings.maxRequestBytes(), body -> {
            AlertNotification notification =
                    AlertNotificationDecoder.decode(body, userAgent, intake.maxAlertsPerNotification());
            AlertIntakeResult result = intake.intake(notification);
            if (result instanceof AlertIntakeResult.Accepted accepted) {
                exchange.json(200, out -> {
                    out.writeStartObject();
                    out.writeNumberField("alerts", accepted.alerts());
                    out.writeNumberField("incidents_opened", accepted.incidentsOpened());
                    out.writeNumberField("incidents_resolved", accepted.incidentsResolved());
                    out.writeNumberField("deduplicated", accepted.deduplicated());
                    out.writeEndObject();
                });
            } else if (result instanceof AlertIntakeResult.Refused refused) {
                exchange.fail(HttpErrors.rejected(refused.rejection(), settings.retryAfterSeconds()));
            } else if (result instanceof AlertIntakeResult.EventTooLarge tooLarge) {
                exchange.fail(
                        ApiError.alertTooLarge(tooLarge.alertIndex(), tooLarge.sizeBytes(), tooLarge.maxEventBytes()));
            }
        });
    }
}
