package io.incidentstream.bootstrap;

import dagger.BindsInstance;
import dagger.Component;
import io.incidentstream.bootstrap.config.ServerConfig;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The assembled server; its only entry point is the server itself. */
@Singleton
@Component(
        modules = {
            StreamModule.class,
            MetricsModule.class,
            WebSocketModule.class,
            HttpModule.class,
            ServerModule.class,
            AccessModule.class,
            AlertIntakeModule.class,
            WebModule.class,
            EngineModule.class
        })
public interface ServerComponent {

    IncidentStreamServer server();

    /** Builds the server from a configuration and a clock (tests pass their own). */
    @Component.Factory
    interface Factory {
        ServerComponent create(@BindsInstance ServerConfig config, @BindsInstance Clock clock);
    }

    static IncidentStreamServer create(ServerConfig config, Clock clock) {
        return DaggerServerComponent.factory().create(config, clock).server();
    }
}
