package io.incidentstream.domain.model;

/** How urgent an incident or alert is; P0 is the most urgent. */
public enum Severity implements WireEnum {
    P0,
    P1,
    P2,
    P3,
    P4;

    @Override
    public String wire() {
        return name();
    }

    public static Severity parse(String text, String field) {
        return WireEnum.parse(Severity.class, text, field);
    }
}
