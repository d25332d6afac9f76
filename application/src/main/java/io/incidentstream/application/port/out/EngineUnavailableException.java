package io.incidentstream.application.port.out;

/** The stream engine could not be reached (or did not answer in time): a fault, retried later. */
public final class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
