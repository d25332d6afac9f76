package io.incidentstream.client;

/** An incident's or alert's severity; {@code P0} is the most urgent. */
public enum Severity {
    P0,
    P1,
    P2,
    P3,
    P4
}
