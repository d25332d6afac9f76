package io.incidentstream.adapters.websocket;

import java.time.Duration;

/**
 * How the WebSocket endpoint is served.
 *
 * @param path              where clients connect ({@code /ws})
 * @param idleTimeout       Jetty's own idle timeout; kept above the session timeout so that the
 *                          session's idle close (4000, with {@code closing}) always comes first
 * @param maxMessageBytes   largest inbound message; larger ones close the connection with 1009
 * @param compression       whether permessage-deflate is offered
 * @param closeGrace        how long a closing client may take to answer before it is disconnected
 * @param trustedProxies    IP addresses or CIDR ranges whose forwarding headers name the real client
 * @param allowedOrigins    browser origins that may connect (exact {@code scheme://host[:port]}); empty: any
 */
public record WebSocketSettings(
        String path,
        Duration idleTimeout,
        long maxMessageBytes,
        boolean compression,
        Duration closeGrace,
        java.util.List<String> trustedProxies,
        java.util.List<String> allowedOrigins) {

    public WebSocketSettings {
        trustedProxies = java.util.List.copyOf(trustedProxies);
        allowedOrigins = java.util.List.copyOf(allowedOrigins);
    }
}
