package io.incidentstream.application.session;

import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.domain.event.Priority;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what an outbox reports: writes, failures, drops by priority, and being overwhelmed. */
final class RecordingOutboxListener implements OutboxListener {

    final List<ServerMessage> written = new CopyOnWriteArrayList<>();
    final List<Priority> dropped = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger overwhelmed = new AtomicInteger();

    @Override
    public void written(ServerMessage message) {
        written.add(message);
    }

    @Override
    public void writeFailed(Throwable cause) {
        failures.add(cause);
    }

    @Override
    public void dropped(Priority priority) {
        dropped.add(priority);
    }

    @Override
    public void overwhelmed(String why) {
        overwhelmed.incrementAndGet();
    }
}
