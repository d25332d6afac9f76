package io.incidentstream.application.session;

import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.domain.event.Priority;

/** What an outbox tells its session about: completed writes, drops, and a consumer too slow to keep. */
interface OutboxListener {

    void written(ServerMessage message);

    void writeFailed(Throwable cause);

    void dropped(Priority priority);

    /** The client does not keep up (4008): {@code why} says with what, for the closing message. */
    void overwhelmed(String why);
}
