package io.incidentstream.application.admission;

import io.incidentstream.application.engine.InMemoryStreamEngine;
import io.incidentstream.application.history.InMemoryEventHistory;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.view.IncidentView;
import java.time.Clock;
import java.time.Duration;

/** Admission over an in-memory engine that this node alone appends to, as the server builds it. */
final class Admissions {

    private Admissions() {}

    /** Continuing the stream {@code epoch} after {@code startSeq}. */
    static EventAdmission over(
            Dispatcher dispatcher, IncidentView view, Clock clock, IdGenerator ids, String epoch, long startSeq) {
        InMemoryStreamEngine engine =
                new InMemoryStreamEngine(epoch, startSeq, 1000, Duration.ofHours(1), 1000, Duration.ofDays(1), clock);
        InMemoryEventHistory history = new InMemoryEventHistory("", 1000, Duration.ofHours(1), clock);
        StreamFollower follower = new StreamFollower(engine, view, history, dispatcher, clock);
        follower.start();
        return new EventAdmission(dispatcher, view, clock, ids, engine, follower, true, reason -> {});
    }
}
