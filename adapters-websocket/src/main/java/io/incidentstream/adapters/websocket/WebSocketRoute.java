package io.incidentstream.adapters.websocket;

import io.incidentstream.application.port.in.SessionUseCase;
import io.incidentstream.codec.json.DomainReader;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Serves {@code GET /ws}: a Jetty core (non-servlet) upgrade handler that creates one
 * {@link StreamEndpoint} per connection. Requests that are not upgrades pass to the wrapped handler.
 */
public final class WebSocketRoute {

    private WebSocketRoute() {
    }

    public static WebSocketUpgradeHandler handler(Server server, WebSocketSettings settings, SessionUseCase sessions,
                                                  ServerMessageWriter writer, Clock clock,
                                                  ScheduledExecutorService timer) {
        ClientMessageReader reader = new ClientMessageReader(new DomainReader(clock, UUID::randomUUID));
        long graceMillis = settings.closeGrace().toMillis();
        return WebSocketUpgradeHandler.from(server, container -> {
            configure(container, settings);
            container.addMapping(settings.path(), (request, response, callback) -> {
                if (!settings.compression()) {
                    response.setExtensions(List.of());
                }
                return new StreamEndpoint(sessions, reader,
                        socket -> new JettyClientChannel(socket, writer, timer, graceMillis));
            });
        });
    }

    private static void configure(ServerWebSocketContainer container, WebSocketSettings settings) {
        container.setIdleTimeout(settings.idleTimeout());
        container.setMaxTextMessageSize(settings.maxMessageBytes());
        container.setMaxBinaryMessageSize(settings.maxMessageBytes());
    }
}
