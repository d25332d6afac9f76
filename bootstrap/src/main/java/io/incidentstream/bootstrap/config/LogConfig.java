package io.incidentstream.bootstrap.config;

import java.util.Optional;

/**
 * Logging (settings group of that name).
 *
 * @param format {@code log_format}
 * @param level  {@code log_level} when given (file, environment, flag); empty: the level that
 *               {@code LOG_LEVEL} set for the first lines stays
 */
public record LogConfig(Format format, Optional<String> level) {

    /** The values of {@code log_format}. */
    public enum Format {
        /** One readable line per entry. */
        TEXT,
        /** One JSON object per line. */
        JSON
    }
}
