package io.incidentstream.application.message;

import java.util.List;
import java.util.UUID;

/**
 * Who watches an incident now, and who joined or left since the last such message about it. Not an
 * event of the stream: no seq, never replayed. Built once per change and shared by every recipient.
 */
public record Presence(UUID incidentId, List<Watcher> watchers, List<String> joined, List<String> left)
        implements ServerMessage {

    public Presence {
        watchers = List.copyOf(watchers);
        joined = List.copyOf(joined);
        left = List.copyOf(left);
    }
}
