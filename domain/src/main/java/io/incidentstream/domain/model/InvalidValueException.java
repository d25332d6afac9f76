package io.incidentstream.domain.model;

/** A value broke one of the domain's rules; {@link #field()} names the offending field. */
public final class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /** The field, in its wire spelling, whose value was refused. */
    public String field() {
        return field;
    }
}
