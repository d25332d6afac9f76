package io.incidentstream.application;

import static io.incidentstream.domain.fixtures.TestIncidents.T0;
import static io.incidentstream.domain.fixtures.TestIncidents.alert;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.domain.event.CommentAdded;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentUpdated;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IncidentNotifierTest {

    private final List<Publication> published = new ArrayList<>();
    private final PublishUseCase recorder = publications -> {
        published.addAll(publications);
        return new PublishResult.Accepted(List.of());
    };
    private final IncidentNotifier notifier = new IncidentNotifier(recorder);

    @Test
    void publishHighPriority_neverLowersCritical() {
        notifier.publishHighPriority(
                new IncidentCreated(incident().severity(Severity.P0).build()));

        assertThat(published.get(0).priority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void publishHighPriority_raisesNormalToHigh() {
        notifier.publishHighPriority(new IncidentUpdated(incident().build(), null));

        assertThat(published.get(0).priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void publishHighPriority_raisesLowToHigh() {
        notifier.publishHighPriority(new CommentAdded(UUID.randomUUID(), "a", "c", T0));

        assertThat(published.get(0).priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void handlerHelpers_publishTheirEventType_withTheDefaultPriority() {
        UUID id = UUID.randomUUID();

        notifier.onIncidentCreated(incident().build());
        notifier.onAlertReceived(alert().build());
        notifier.onEscalated(id, Severity.P2, Severity.P0, "r");
        notifier.onCommentAdded(id, "a", "c", T0);
        notifier.onSystemEvent("c", "m", Map.of());

        assertThat(published)
                .extracting(p -> p.event().type())
                .containsExactly(
                        EventType.INCIDENT_CREATED,
                        EventType.ALERT_RECEIVED,
                        EventType.ESCALATED,
                        EventType.COMMENT_ADDED,
                        EventType.SYSTEM_EVENT);
        assertThat(published).allSatisfy(p -> assertThat(p.priority()).isNull());
    }
}
