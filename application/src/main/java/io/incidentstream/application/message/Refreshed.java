package io.incidentstream.application.message;

import java.time.Instant;

/** (ext) A fresh token was accepted; the session now lasts until {@code expiresAt} (null: no expiry). */
public record Refreshed(Instant expiresAt) implements ServerMessage {}
