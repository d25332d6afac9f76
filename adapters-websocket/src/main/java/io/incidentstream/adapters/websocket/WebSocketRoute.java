package io.incidentstream.adapters.websocket;

import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.ConnectionGate;
import io.incidentstream.application.port.in.SessionUseCase;
import io.incidentstream.codec.json.DomainReader;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * Serves {@code GET /ws}: a Jetty core (non-servlet) upgrade handler that admits the connection
 * (limits in total and per client address), negotiates compression and creates one
 * {@link StreamEndpoint} per connection. Requests that are not upgrades pass to the wrapped handler.
 */
public final class WebSocketRoute {

    /**
     * Each message is compressed on its own: the deflater and inflater go back to Jetty's pool after
     * every message (see {@link ReleasingDeflateExtension}), so an idle connection holds no compressor.
     */
    private static final String DEFLATE = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";

    private WebSocketRoute() {}

    public static Handler.Wrapper handler(
            Server server,
            WebSocketSettings settings,
            SessionUseCase sessions,
            ConnectionGate gate,
            AuthenticationUseCase authentication,
            ServerMessageWriter writer,
            Clock clock,
            ScheduledExecutorService timer) {
        ClientMessageReader reader = new ClientMessageReader(new DomainReader(clock, UUID::randomUUID));
        ClientAddress addresses = new ClientAddress(settings.trustedProxies());
        long graceMillis = settings.closeGrace().toMillis();
        // One factory for all connections: a lambda per connection would capture these again for each.
        JettyClientChannel.Shared shared = new JettyClientChannel.Shared(writer, timer, graceMillis);
        java.util.function.BiFunction<CoreSession, String, JettyClientChannel> channels =
                (socket, address) -> new JettyClientChannel(socket, shared, address);
        WebSocketComponents components = WebSocketServerComponents.ensureWebSocketComponents(server);
        // Replace Jetty's permessage-deflate with the one that returns its compressor between messages.
        components.getExtensionRegistry().register("permessage-deflate", ReleasingDeflateExtension.class);
        // Jetty's upgrade, but with connections that write through a FrameWriter of ours.
        DirectWriteUpgradeHandler handler = new DirectWriteUpgradeHandler(components);
        // Every connection of the handler gets the route's limits.
        Configuration limits = handler.configuration();
        limits.setIdleTimeout(settings.idleTimeout());
        limits.setMaxTextMessageSize(settings.maxMessageBytes());
        limits.setMaxBinaryMessageSize(settings.maxMessageBytes());
        handler.addMapping(settings.path(), (request, response, callback) -> {
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (origin != null
                    && !settings.allowedOrigins().isEmpty()
                    && !settings.allowedOrigins().contains(origin)) {
                gate.denied(ConnectionGate.Denial.ORIGIN_NOT_ALLOWED, JettyClientChannel.TRANSPORT);
                UpgradeRefusal.write(
                        response, callback, 403, "ORIGIN_NOT_ALLOWED", "origin " + origin + " may not connect");
                UpgradeRefusal.log(Request.getRemoteAddr(request), 403, "ORIGIN_NOT_ALLOWED", "origin " + origin);
                return null;
            }
            PresentedToken token = PresentedToken.of(request);
            AuthenticationUseCase.SubscriberCheck check = authentication.checkSubscriber(token.token());
            // A program that sent a bad token in a header can read a 401; a browser cannot see the
            // status of a failed upgrade, so it gets the upgrade and then closing + 4001.
            boolean granted = check instanceof AuthenticationUseCase.Granted;
            if (!granted && (token.inHeader() || !token.present())) {
                gate.denied(ConnectionGate.Denial.UNAUTHENTICATED, JettyClientChannel.TRANSPORT);
                UpgradeRefusal.write(response, callback, 401, "UNAUTHENTICATED", StreamEndpoint.reasonOf(check));
                UpgradeRefusal.log(
                        Request.getRemoteAddr(request), 401, "UNAUTHENTICATED", StreamEndpoint.reasonOf(check));
                return null;
            }
            String address = addresses.resolve(Request.getRemoteAddr(request), request.getHeaders());
            ConnectionGate.Entry entry = gate.enter(address, JettyClientChannel.TRANSPORT);
            if (entry instanceof ConnectionGate.Refused refused) {
                UpgradeRefusal.write(response, callback, refused);
                UpgradeRefusal.log(
                        address,
                        refused.reason() == ConnectionGate.Reason.ADDRESS_FULL ? 429 : 503,
                        refused.reason().name(),
                        refused.message());
                return null;
            }
            if (!granted) {
                // A browser's bad token: upgraded only to be told so (closing + 4001), counted once it has entered.
                gate.denied(ConnectionGate.Denial.UNAUTHENTICATED, JettyClientChannel.TRANSPORT);
                RefusalLog.refusedInSession(address, CloseCode.UNAUTHENTICATED.code(), StreamEndpoint.reasonOf(check));
            }
            if (token.viaSubprotocol()) {
                response.setAcceptedSubProtocol(PresentedToken.SUBPROTOCOL);
            }
            negotiateCompression(request, response, settings.compression());
            return new StreamEndpoint(
                    sessions,
                    reader,
                    authentication,
                    channels,
                    ((ConnectionGate.Entered) entry).address(),
                    ((ConnectionGate.Entered) entry).release(),
                    check);
        });
        return handler;
    }

    private static void negotiateCompression(
            ServerUpgradeRequest request, ServerUpgradeResponse response, boolean enabled) {
        boolean offered =
                request.getExtensions().stream().anyMatch(e -> e.getName().equals("permessage-deflate"));
        response.setExtensions(enabled && offered ? List.of(ExtensionConfig.parse(DEFLATE)) : List.of());
    }
}
