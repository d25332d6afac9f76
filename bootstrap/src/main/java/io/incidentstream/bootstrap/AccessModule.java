package io.incidentstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.incidentstream.application.access.AccessControl;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.out.PublisherKeys;
import io.incidentstream.application.port.out.TokenVerifier;
import io.incidentstream.bootstrap.config.ServerConfig;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Who may publish and subscribe: publisher keys and subscriber token verification. */
@Module
interface AccessModule {

    @Provides
    @Singleton
    static AuthenticationUseCase authentication(PublisherKeys keys, TokenVerifier tokens) {
        return new AccessControl(keys, tokens);
    }

    /** Hashed API keys from api_keys, api_key_hashes and api_keys_file; NONE (open) when none is set. */
    @Provides
    @Singleton
    static PublisherKeys publisherKeys(ServerConfig config) {
        return AccessConfiguration.publisherKeys(config);
    }

    /** JWT verification from the jwt_* settings; NONE (open) without a secret or public key. */
    @Provides
    @Singleton
    static TokenVerifier tokenVerifier(ServerConfig config, Clock clock) {
        return AccessConfiguration.tokenVerifier(config, clock);
    }
}
