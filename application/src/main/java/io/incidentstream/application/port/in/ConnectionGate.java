package io.incidentstream.application.port.in;

/** Whether one more client may connect: bounded in total and per client address. */
public interface ConnectionGate {

    /**
     * A place for a connection from {@code clientAddress}, or why there is none; {@code transport}
     * ({@code ws} or {@code sse}) labels a refusal in the metrics: both share the places.
     */
    Entry enter(String clientAddress, String transport);

    /**
     * The adapter turned a connection away before asking for a place (or, for a browser's bad token,
     * will close it as soon as it opens): counted with the gate's own refusals.
     */
    void denied(Denial denial, String transport);

    /** The outcome of {@link #enter}. */
    sealed interface Entry {}

    /**
     * Entered; {@code release} must be called once when the connection ends (calling it again does
     * nothing). {@code address} equals the address given, as the one instance all of that
     * address's connections share: keep it rather than your own copy.
     */
    record Entered(Runnable release, String address) implements Entry {}

    /** Refused, before any session exists. */
    record Refused(Reason reason, String message) implements Entry {}

    /** Why the adapter itself turned a connection away. */
    enum Denial {
        /** No valid subscriber token (401 at the upgrade, or {@code closing} + 4001 for a browser). */
        UNAUTHENTICATED,
        /** A browser from an origin not in {@code allowed_origins} (403). */
        ORIGIN_NOT_ALLOWED
    }

    enum Reason {
        /** The server holds as many connections as it may: retry later (503). */
        SERVER_FULL,
        /** This address holds as many connections as it may (429). */
        ADDRESS_FULL,
        /** The server is shutting down (503). */
        SHUTTING_DOWN
    }
}
