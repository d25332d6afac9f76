package io.incidentstream.application.message;

import java.util.List;
import java.util.UUID;

/** The reply to {@code watch} and {@code unwatch}: who watches the incident now. */
public record Watching(UUID incidentId, List<Watcher> watchers) implements ServerMessage {

    public Watching {
        watchers = List.copyOf(watchers);
    }
}
