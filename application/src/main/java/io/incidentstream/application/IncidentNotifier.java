package io.incidentstream.application;

import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.domain.event.AlertConverted;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.AssignmentChanged;
import io.incidentstream.domain.event.CommentAdded;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.IncidentClosed;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentResolved;
import io.incidentstream.domain.event.IncidentUpdated;
import io.incidentstream.domain.event.NotificationSent;
import io.incidentstream.domain.event.PlaybookActionExecuted;
import io.incidentstream.domain.event.PlaybookCompleted;
import io.incidentstream.domain.event.PlaybookStarted;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.IncidentState;
import io.incidentstream.domain.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The original module's programming model for code that embeds the server: one method per kind of
 * event, each a thin call to {@link PublishUseCase} with the default priority.
 */
public final class IncidentNotifier {

    private final PublishUseCase publisher;

    public IncidentNotifier(PublishUseCase publisher) {
        this.publisher = publisher;
    }

    public PublishResult onIncidentCreated(Incident incident) {
        return publish(new IncidentCreated(incident));
    }

    public PublishResult onIncidentUpdated(Incident incident, IncidentState previousState) {
        return publish(new IncidentUpdated(incident, previousState));
    }

    public PublishResult onIncidentResolved(Incident incident) {
        return publish(new IncidentResolved(incident));
    }

    public PublishResult onIncidentClosed(Incident incident) {
        return publish(new IncidentClosed(incident));
    }

    public PublishResult onAlertReceived(Alert alert) {
        return publish(new AlertReceived(alert));
    }

    public PublishResult onAlertConverted(Alert alert, UUID incidentId) {
        return publish(new AlertConverted(alert, incidentId));
    }

    public PublishResult onEscalated(UUID incidentId, Severity from, Severity to, String reason) {
        return publish(new Escalated(incidentId, from, to, reason));
    }

    public PublishResult onPlaybookStarted(UUID incidentId, UUID playbookId, String playbookName) {
        return publish(new PlaybookStarted(incidentId, playbookId, playbookName));
    }

    public PublishResult onPlaybookActionExecuted(
            UUID incidentId, UUID playbookId, String actionName, boolean success, String message) {
        return publish(new PlaybookActionExecuted(incidentId, playbookId, actionName, success, message));
    }

    public PublishResult onPlaybookCompleted(UUID incidentId, UUID playbookId, boolean success, int actionsExecuted) {
        return publish(new PlaybookCompleted(incidentId, playbookId, success, actionsExecuted));
    }

    public PublishResult onNotificationSent(UUID incidentId, String channel, boolean success) {
        return publish(new NotificationSent(incidentId, channel, success));
    }

    public PublishResult onAssignmentChanged(UUID incidentId, List<String> assignees) {
        return publish(new AssignmentChanged(incidentId, assignees));
    }

    public PublishResult onCommentAdded(UUID incidentId, String author, String comment, Instant timestamp) {
        return publish(new CommentAdded(incidentId, author, comment, timestamp));
    }

    public PublishResult onSystemEvent(String category, String message, Map<String, String> metadata) {
        return publish(new SystemEvent(category, message, metadata));
    }

    /**
     * Publishes with at least high priority. A critical event stays critical: unlike the original
     * module, this raises a priority and never lowers one.
     */
    public PublishResult publishHighPriority(Event event) {
        return publisher.publish(
                new Publication(event, Priority.defaultFor(event).atLeast(Priority.HIGH)));
    }

    private PublishResult publish(Event event) {
        return publisher.publish(Publication.of(event));
    }
}
