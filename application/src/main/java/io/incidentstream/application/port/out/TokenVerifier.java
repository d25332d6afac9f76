package io.incidentstream.application.port.out;

/** Checks subscriber tokens (signature, validity period, issuer, audience) and reads their scope. */
public interface TokenVerifier {

    /** Whether verification is configured; without it, subscribing is open. */
    boolean configured();

    Verification verify(String token);

    /** The outcome of {@link #verify}. */
    sealed interface Verification {}

    record Valid(Access access) implements Verification {}

    record Invalid(String reason) implements Verification {}

    /** No verification: subscribing is open. */
    TokenVerifier NONE = new TokenVerifier() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public Verification verify(String token) {
            return new Invalid("no token verification is configured");
        }
    };
}
