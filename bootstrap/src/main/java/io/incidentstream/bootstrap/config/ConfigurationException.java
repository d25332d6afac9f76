package io.incidentstream.bootstrap.config;

/** The configuration cannot be used; the message names the key and where its value came from. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
