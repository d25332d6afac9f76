package io.incidentstream.codec.json;

/** Input that is not the JSON the protocol expects; {@link #field()} is the dotted path of the culprit, or null. */
public final class InvalidJsonException extends RuntimeException {

    private final String field;

    public InvalidJsonException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The dotted path of the offending field ({@code event.incident.severity}), or null for the document. */
    public String field() {
        return field;
    }
}
