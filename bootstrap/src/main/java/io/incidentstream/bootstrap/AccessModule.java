package io.incidentstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.incidentstream.application.access.AccessControl;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.out.PublisherKeys;
import io.incidentstream.application.port.out.TokenVerifier;
import jakarta.inject.Singleton;

/** Who may publish and subscribe: publisher keys and subscriber token verification. */
@Module
interface AccessModule {

    @Provides
    @Singleton
    static AuthenticationUseCase authentication(PublisherKeys keys, TokenVerifier tokens) {
        return new AccessControl(keys, tokens);
    }

    @Provides
    static PublisherKeys publisherKeys() {
        return PublisherKeys.NONE;
    }

    @Provides
    static TokenVerifier tokenVerifier() {
        return TokenVerifier.NONE;
    }
}
