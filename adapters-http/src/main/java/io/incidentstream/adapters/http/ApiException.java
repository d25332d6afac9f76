package io.incidentstream.adapters.http;

/**
 * Ends the handling of a request with an {@link ApiError}. Thrown by the parsing helpers, caught
 * where every request is answered ({@link Exchange#run}); it never leaves this adapter.
 */
final class ApiException extends RuntimeException {

    private final transient ApiError error;

    ApiException(ApiError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
