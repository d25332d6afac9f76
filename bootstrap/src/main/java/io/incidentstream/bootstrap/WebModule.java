package io.incidentstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.incidentstream.adapters.http.HttpApi;
import io.incidentstream.adapters.web.BoardSettings;
import io.incidentstream.adapters.web.IncidentBoard;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.bootstrap.config.ServerConfig;
import jakarta.inject.Singleton;

/** The incident board at {@code /} and {@code /board}, in front of the HTTP API. */
@Module
interface WebModule {

    @Provides
    @Singleton
    static IncidentBoard incidentBoard(ServerConfig config, AuthenticationUseCase authentication, HttpApi http) {
        return new IncidentBoard(
                new BoardSettings(
                        authentication.subscribersAuthenticate(),
                        config.listening().allowedOrigins()),
                http);
    }
}
