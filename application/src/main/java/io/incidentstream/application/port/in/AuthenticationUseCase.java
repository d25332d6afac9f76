package io.incidentstream.application.port.in;

import io.incidentstream.application.port.out.Access;

/**
 * Who may publish and who may subscribe. With no publisher keys configured anyone may publish; with
 * no token verification configured anyone may subscribe and see everything (a first-try setup).
 */
public interface AuthenticationUseCase {

    /** @param apiKey the presented key, or null when none was presented */
    PublisherCheck checkPublisher(String apiKey);

    /** @param token the presented subscriber token, or null when none was presented */
    SubscriberCheck checkSubscriber(String token);

    /** Whether subscribers must present a token. */
    boolean subscribersAuthenticate();

    /** The outcome of {@link #checkPublisher}. */
    enum PublisherCheck {
        ACCEPTED,
        /** Keys are required and none was presented. */
        MISSING,
        /** A key was presented and is not one of ours. */
        REJECTED
    }

    /** The outcome of {@link #checkSubscriber}. */
    sealed interface SubscriberCheck {}

    record Granted(Access access) implements SubscriberCheck {}

    /** A token is required and none was presented. */
    record Missing() implements SubscriberCheck {}

    /** The token was refused; {@code reason} says why (expired, bad signature, wrong audience...). */
    record Rejected(String reason) implements SubscriberCheck {}
}
