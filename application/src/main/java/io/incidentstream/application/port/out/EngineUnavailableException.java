package io.incidentstream.application.port.out;

/** The stream engine could not be reached (or did not answer in time): a fault, retried later. */
public final class EngineUnavailableException extends RuntimeException {

    private final boolean outcomeUnknown;

    public EngineUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private EngineUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * A write whose request may have reached the engine and been applied, its answer lost with the
     * connection or not come in time: the caller cannot say that nothing was written.
     */
    public static EngineUnavailableException outcomeUnknown(String message, Throwable cause) {
        return new EngineUnavailableException(message, cause, true);
    }

    /** Whether the failed write may have been applied nonetheless (see {@link #outcomeUnknown}). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
