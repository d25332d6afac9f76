package io.incidentstream.application.message;

/**
 * Reply to a client's ping, and the heartbeat for browsers. {@code timestamp} is what the client
 * sent (a String or a Number), or the server's time as an {@link java.time.Instant}.
 */
public record Pong(Object timestamp) implements ServerMessage {}
