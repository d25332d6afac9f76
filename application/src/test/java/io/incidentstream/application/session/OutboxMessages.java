package io.incidentstream.application.session;

import io.incidentstream.application.fixtures.TestAdmittedEvents;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Gap;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.domain.event.Priority;
import java.util.List;

/** Event messages for outbox tests, and a readable summary of what a channel was sent. */
final class OutboxMessages {

    static final int SIZE = 100;

    private OutboxMessages() {}

    static EventMessage event(long seq, Priority priority) {
        return new EventMessage(TestAdmittedEvents.admitted(seq, priority), List.of("sub"));
    }

    /** Events as "seq:priority", gaps as "gap from-to/dropped", other messages by type. */
    static List<String> summary(List<ServerMessage> messages) {
        return messages.stream().map(OutboxMessages::summary).toList();
    }

    private static String summary(ServerMessage message) {
        if (message instanceof EventMessage event) {
            return event.event().seq() + ":" + event.event().priority().wire();
        }
        if (message instanceof Gap gap) {
            return "gap " + gap.fromSeq() + "-" + gap.toSeq() + "/" + gap.dropped();
        }
        return message.getClass().getSimpleName();
    }
}
