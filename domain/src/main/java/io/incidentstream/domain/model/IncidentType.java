package io.incidentstream.domain.model;

/** What kind of problem an incident (or an alert's {@code alert_type}) is about. */
public enum IncidentType implements WireEnum {
    INFRASTRUCTURE("Infrastructure"),
    APPLICATION("Application"),
    SECURITY("Security"),
    DATA("Data"),
    PERFORMANCE("Performance"),
    AVAILABILITY("Availability"),
    COMPLIANCE("Compliance"),
    UNKNOWN("Unknown");

    private final String wire;

    IncidentType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static IncidentType parse(String text, String field) {
        return WireEnum.parse(IncidentType.class, text, field);
    }
}
