package io.incidentstream.client;

/** The server's notice before it closes a connection: why, the close code, and when to come back. */
public record Closing(String reason, int code, boolean reconnect, Long retryAfterMs) {}
