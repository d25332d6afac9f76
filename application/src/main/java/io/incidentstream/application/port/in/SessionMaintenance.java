package io.incidentstream.application.port.in;

/** The periodic work that keeps sessions honest; the server's timers call these, tests call them by hand. */
public interface SessionMaintenance {

    /** Pings every session (a WebSocket ping frame) and sends browsers, which cannot see pings, a {@code pong}. */
    void sendHeartbeats();

    /**
     * Closes sessions with no inbound activity for the session timeout ({@code closing}, then 4000),
     * and forgets sessions whose connection is already gone.
     */
    void closeIdleSessions();

    /** Closes sessions whose token expired and was not refreshed in time ({@code closing}, then 4001). */
    void closeExpiredSessions();

    /** Forgets resolved and closed incidents kept past their retention. */
    void expireRetained();

    /** Closes sessions whose socket accepted no write for the write timeout (4008); samples queue depths. */
    void closeStalledSessions();
}
