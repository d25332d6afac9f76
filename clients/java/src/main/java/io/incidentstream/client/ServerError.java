package io.incidentstream.client;

/**
 * An {@code error} message from the server (a client error; the connection stays open), or a frame
 * the client could not read ({@code BAD_FRAME}) or a connection that could not be made
 * ({@code CONNECT_FAILED}).
 */
public record ServerError(String code, String message, String subscriptionId) {}
