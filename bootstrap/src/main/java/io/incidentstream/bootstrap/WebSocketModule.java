package io.incidentstream.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.adapters.websocket.WebSocketSettings;
import io.incidentstream.adapters.websocket.sse.SseSettings;
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
    static SseSettings sseSettings(ServerConfig config) {
        return new SseSettings(
                "/sse",
                config.sseAndHttp2().sseRetry().toMillis(),
                config.limits().maxFilterValues(),
                config.listening().trustedProxies(),
                config.listening().allowedOrigins());
    }

    @Provides
    static WebSocketSettings webSocketSettings(ServerConfig config) {
        // Jetty's idle timeout stays above the session timeout plus one sweep, so that the session's own idle
        // close (closing + 4000) always comes first and Jetty never closes with a misleading 1001.
        Duration jettyIdle = config.sessions()
                .sessionTimeout()
                .plus(config.sessions().cleanupInterval())
                .plusSeconds(30);
        return new WebSocketSettings(
                "/ws",
                jettyIdle,
                config.limits().maxMessageBytes(),
                config.listening().compression(),
                Duration.ofSeconds(5),
                config.listening().trustedProxies(),
                config.listening().allowedOrigins());
    }
}
