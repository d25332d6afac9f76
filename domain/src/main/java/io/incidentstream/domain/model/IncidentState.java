package io.incidentstream.domain.model;

/** Where an incident is in its life; the first four states are active. */
public enum IncidentState implements WireEnum {
    DETECTED("Detected"),
    TRIAGED("Triaged"),
    INVESTIGATING("Investigating"),
    REMEDIATING("Remediating"),
    RESOLVED("Resolved"),
    CLOSED("Closed");

    private final String wire;

    IncidentState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public boolean isActive() {
        return this != RESOLVED && this != CLOSED;
    }

    public static IncidentState parse(String text, String field) {
        return WireEnum.parse(IncidentState.class, text, field);
    }
}
