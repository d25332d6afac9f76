package io.incidentstream.adapters.websocket;

import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;

/**
 * The subscriber token of an upgrade request, and how it came. Programs send it in the
 * {@code Authorization: Bearer} header. Browsers cannot set headers on a WebSocket, so they send it
 * as the {@code access_token} query parameter, or as a second subprotocol beside
 * {@value #SUBPROTOCOL}, which the server then echoes.
 *
 * @param token     the token, or null when none was presented
 * @param inHeader  whether it came in the Authorization header (a refusal can then be a plain 401)
 * @param viaSubprotocol whether the browser subprotocol form was used (the server must echo it)
 */
record PresentedToken(String token, boolean inHeader, boolean viaSubprotocol) {

    /** The subprotocol a browser offers together with its token. */
    static final String SUBPROTOCOL = "incident-stream.bearer";

    static PresentedToken of(ServerUpgradeRequest request) {
        String bearer = BearerHeader.token(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (bearer != null) {
            return new PresentedToken(bearer, true, false);
        }
        List<String> protocols = request.getSubProtocols();
        if (protocols.contains(SUBPROTOCOL)) {
            String token = protocols.stream()
                    .filter(p -> !p.equals(SUBPROTOCOL))
                    .findFirst()
                    .orElse("");
            return new PresentedToken(token, false, true);
        }
        String query = Request.extractQueryParameters(request).getValue("access_token");
        return new PresentedToken(query, false, false);
    }

    boolean present() {
        return token != null;
    }
}
