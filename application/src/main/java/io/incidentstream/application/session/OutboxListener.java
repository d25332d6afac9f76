package io.incidentstream.application.session;

import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.domain.event.Priority;

/** What an outbox tells its session about: completed writes, drops, and a consumer too slow to keep. */
interface OutboxListener {

    void written(ServerMessage message);

    void writeFailed(Throwable cause);

    void dropped(Priority priority);

    /** Even the highest-priority events could not be queued: the session must be closed (4008). */
    void overwhelmed();
}
