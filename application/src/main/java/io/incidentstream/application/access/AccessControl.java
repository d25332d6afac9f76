package io.incidentstream.application.access;

import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.out.PublisherKeys;
import io.incidentstream.application.port.out.TokenVerifier;

/** Decides on publishers and subscribers from the configured keys and token verification. */
public final class AccessControl implements AuthenticationUseCase {

    private final PublisherKeys keys;
    private final TokenVerifier tokens;

    public AccessControl(PublisherKeys keys, TokenVerifier tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    @Override
    public PublisherCheck checkPublisher(String apiKey) {
        if (!keys.configured()) {
            return PublisherCheck.ACCEPTED;
        }
        if (apiKey == null || apiKey.isEmpty()) {
            return PublisherCheck.MISSING;
        }
        return keys.accepts(apiKey) ? PublisherCheck.ACCEPTED : PublisherCheck.REJECTED;
    }

    /** An open server grants every subscriber the same: one answer, not one per connection. */
    private static final Granted GRANTED_TO_ALL = new Granted(Access.unrestricted());

    @Override
    public SubscriberCheck checkSubscriber(String token) {
        if (!tokens.configured()) {
            return GRANTED_TO_ALL;
        }
        if (token == null || token.isEmpty()) {
            return new Missing();
        }
        TokenVerifier.Verification verification = tokens.verify(token);
        if (verification instanceof TokenVerifier.Valid valid) {
            return new Granted(valid.access());
        }
        return new Rejected(((TokenVerifier.Invalid) verification).reason());
    }

    @Override
    public boolean subscribersAuthenticate() {
        return tokens.configured();
    }
}
