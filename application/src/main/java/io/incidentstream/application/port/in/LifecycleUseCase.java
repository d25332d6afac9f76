package io.incidentstream.application.port.in;

import java.time.Duration;

/** Readiness, and the one graceful shutdown path. */
public interface LifecycleUseCase {

    /** False once shutdown has begun, or while the stream engine cannot be reached. */
    boolean ready();

    /** Why {@link #ready()} is false, for operators; null when ready. */
    default String notReadyReason() {
        return ready() ? null : "shutting down";
    }

    /**
     * Stops accepting events, tells every session {@code closing} (reconnect, after a randomised
     * delay), flushes what is queued and closes with 1001; returns when every session is gone or the
     * deadline passed.
     */
    void shutdown(Duration deadline);
}
