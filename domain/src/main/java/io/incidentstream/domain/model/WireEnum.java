package io.incidentstream.domain.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum with an exact, case-sensitive spelling on the wire. */
public interface WireEnum {

    /** The JSON spelling of this value. */
    String wire();

    /** The constant spelled {@code text}, or an exception naming the field and the accepted spellings. */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String text, String field) {
        for (E value : type.getEnumConstants()) {
            if (value.wire().equals(text)) {
                return value;
            }
        }
        String accepted =
                Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
        throw new InvalidValueException(field, "has unknown value '" + text + "' (expected one of " + accepted + ")");
    }
}
