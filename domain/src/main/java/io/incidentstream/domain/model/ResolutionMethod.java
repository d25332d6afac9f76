package io.incidentstream.domain.model;

/** How an incident was resolved. */
public enum ResolutionMethod implements WireEnum {
    AUTOMATED("Automated"),
    MANUAL("Manual"),
    AUTO_ASSISTED_MANUAL("AutoAssistedManual");

    private final String wire;

    ResolutionMethod(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static ResolutionMethod parse(String text, String field) {
        return WireEnum.parse(ResolutionMethod.class, text, field);
    }
}
