package io.incidentstream.domain.model;

import java.util.List;
import java.util.Map;

/** Validation helpers for compact constructors; every message names the field. */
public final class Check {

    private Check() {}

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    public static String length(String value, int min, int max, String field) {
        required(value, field);
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw new InvalidValueException(field, "must be " + min + " to " + max + " characters long, was " + length);
        }
        return value;
    }

    /** An immutable copy; null becomes empty, and null elements are refused. */
    public static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (T value : values) {
            if (value == null) {
                throw new InvalidValueException(field, "must not contain null");
            }
        }
        return List.copyOf(values);
    }

    /** An immutable copy; null becomes empty, and null keys or values are refused. */
    public static <K, V> Map<K, V> map(Map<K, V> values, String field) {
        if (values == null) {
            return Map.of();
        }
        for (Map.Entry<K, V> entry : values.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new InvalidValueException(field, "must not contain null keys or values");
            }
        }
        return Map.copyOf(values);
    }

    public static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
