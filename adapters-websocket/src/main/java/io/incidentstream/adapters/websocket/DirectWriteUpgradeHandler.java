package io.incidentstream.adapters.websocket;

import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

/**
 * Jetty's WebSocket upgrade handler, with the {@link DirectWriteHandshaker} in place of Jetty's
 * (whose upgrade handler keeps its handshaker to itself): upgrades the requests of its mappings,
 * and passes every other request to the handler it wraps.
 */
final class DirectWriteUpgradeHandler extends Handler.Wrapper {

    private final WebSocketComponents components;
    private final WebSocketMappings mappings;
    private final Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();
    private final DirectWriteHandshaker handshaker = new DirectWriteHandshaker();

    DirectWriteUpgradeHandler(WebSocketComponents components) {
        this.components = components;
        this.mappings = new WebSocketMappings(components);
        installBean(mappings);
    }

    /** The limits every connection of this handler gets. */
    Configuration configuration() {
        return configuration;
    }

    void addMapping(String pathSpec, WebSocketNegotiator negotiator) {
        mappings.addMapping(WebSocketMappings.parsePathSpec(pathSpec), negotiator);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        try {
            WebSocketNegotiator negotiator = mappings.getMatchedNegotiator(
                    request, (matched, pathSpec) -> matched.setAttribute(PathSpec.class.getName(), pathSpec));
            if (negotiator != null
                    && handshaker.upgradeRequest(negotiator, request, response, callback, components, configuration)) {
                return true;
            }
            return super.handle(request, response, callback);
        } catch (Throwable failure) {
            Response.writeError(request, response, callback, failure);
            return true;
        }
    }
}
