package io.incidentstream.application.message;

/** A subscription was removed. */
public record Unsubscribed(String subscriptionId) implements ServerMessage {}
