package io.incidentstream.application.message;

import java.time.Instant;

/**
 * One user watching an incident: {@code user} identifies them (a token's subject, an
 * unauthenticated name, or {@code anonymous:<session_id>}), {@code name} is for display and may be
 * null, and {@code since} is when the first of that user's current watches began.
 */
public record Watcher(String user, String name, Instant since) {

    public Watcher {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("user is required");
        }
        if (since == null) {
            throw new IllegalArgumentException("since is required");
        }
    }
}
