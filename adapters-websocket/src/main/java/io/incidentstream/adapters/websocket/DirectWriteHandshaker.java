package io.incidentstream.adapters.websocket;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.internal.AbstractHandshaker;
import org.eclipse.jetty.websocket.core.server.internal.RFC6455Negotiation;
import org.eclipse.jetty.websocket.core.server.internal.WebSocketNegotiation;
import org.eclipse.jetty.websocket.core.util.WebSocketUtils;

/**
 * The RFC 6455 upgrade (HTTP/1.1), as Jetty's own handshaker does it, except that the connection
 * it creates is a {@link DirectWriteConnection}. Jetty's handshaker is final and its connection
 * made inside it, so the few lines that check the request and answer it are repeated here.
 * Requests over other protocols (HTTP/2's extended CONNECT, RFC 8441, which the server does not
 * enable) are left to Jetty's handshaker.
 */
final class DirectWriteHandshaker extends AbstractHandshaker {

    private static final HttpField UPGRADE_WEBSOCKET = new PreEncodedHttpField(HttpHeader.UPGRADE, "websocket");
    private static final HttpField CONNECTION_UPGRADE =
            new PreEncodedHttpField(HttpHeader.CONNECTION, HttpHeader.UPGRADE.asString());

    private final Handshaker jetty = Handshaker.newInstance();

    @Override
    public boolean isWebSocketUpgradeRequest(Request request) {
        if (!isHttp11(request)) {
            return jetty.isWebSocketUpgradeRequest(request);
        }
        return HttpMethod.GET.is(request.getMethod()) && super.isWebSocketUpgradeRequest(request);
    }

    @Override
    public boolean upgradeRequest(
            WebSocketNegotiator negotiator,
            Request request,
            Response response,
            Callback callback,
            WebSocketComponents components,
            Configuration.Customizer defaultCustomizer) {
        if (!isHttp11(request)) {
            return jetty.upgradeRequest(negotiator, request, response, callback, components, defaultCustomizer);
        }
        return super.upgradeRequest(negotiator, request, response, callback, components, defaultCustomizer);
    }

    private static boolean isHttp11(Request request) {
        return HttpVersion.HTTP_1_1.is(request.getConnectionMetaData().getProtocol());
    }

    @Override
    protected WebSocketNegotiation newNegotiation(
            Request request, Response response, Callback callback, WebSocketComponents components) {
        return new RFC6455Negotiation(request, response, callback, components);
    }

    @Override
    protected boolean validateNegotiation(WebSocketNegotiation negotiation) {
        if (!super.validateNegotiation(negotiation)) {
            return false;
        }
        if (((RFC6455Negotiation) negotiation).getKey() == null) {
            throw new HttpException.RuntimeException(400, "Missing request header 'Sec-WebSocket-Key'");
        }
        return true;
    }

    @Override
    protected WebSocketConnection createWebSocketConnection(Request request, WebSocketCoreSession session) {
        Connector connector = request.getConnectionMetaData().getConnector();
        DirectWriteConnection connection = new DirectWriteConnection(
                request.getConnectionMetaData().getConnection().getEndPoint(),
                connector.getExecutor(),
                connector.getScheduler(),
                connector.getByteBufferPool(),
                session);
        session.setWebSocketConnection(connection);
        return connection;
    }

    @Override
    protected void prepareResponse(Response response, WebSocketNegotiation negotiation) {
        response.setStatus(101);
        response.getHeaders().put(UPGRADE_WEBSOCKET);
        response.getHeaders().put(CONNECTION_UPGRADE);
        response.getHeaders()
                .put(
                        HttpHeader.SEC_WEBSOCKET_ACCEPT,
                        WebSocketUtils.hashKey(((RFC6455Negotiation) negotiation).getKey()));
    }
}
