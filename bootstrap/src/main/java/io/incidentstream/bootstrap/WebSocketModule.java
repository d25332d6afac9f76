package io.incidentstream.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.adapters.websocket.WebSocketSettings;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.bootstrap.config.ServerConfig;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The WebSocket adapter: its settings and the wire encoder the stream uses once per event. */
@Module
interface WebSocketModule {

    @Provides
    @Singleton
    static ServerMessageWriter writer() {
        return new ServerMessageWriter();
    }

    @Binds
    EventEncoder encoder(ServerMessageWriter writer);

    @Provides
    static WebSocketSettings webSocketSettings(ServerConfig config) {
        // Jetty's idle timeout stays above the session timeout so the session's own idle close (4000) comes first.
        Duration sessionTimeout = Duration.ofSeconds(config.number("session_timeout_secs"));
        return new WebSocketSettings("/ws", sessionTimeout.plusSeconds(30), config.number("max_message_bytes"),
                config.flag("enable_compression"), Duration.ofSeconds(5));
    }
}
