package io.incidentstream.bootstrap;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTP/2 beside HTTP/1.1 on both ports, so that a browser's event streams share one connection
 * instead of being held to six per origin. Cleartext: h2c, by prior knowledge or by Upgrade from
 * HTTP/1.1. TLS: h2 chosen through ALPN, HTTP/1.1 for clients that do not offer it.
 *
 * <p>WebSocket upgrades stay on HTTP/1.1 (no RFC 8441 extended CONNECT): the WebSocket path is the
 * measured one, and a browser then opens its WebSocket on a connection of its own, as before.
 */
final class Http2 {

    private Http2() {}

    /** Adds h2c to a plain connector that already speaks HTTP/1.1, sharing its configuration. */
    static void addCleartext(ServerConnector connector) {
        HttpConfiguration http =
                connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        connector.addConnectionFactory(configured(new HTTP2CServerConnectionFactory(http)));
    }

    /** A TLS connector offering h2 and HTTP/1.1 through ALPN, HTTP/1.1 when the client offers neither. */
    static ServerConnector secureConnector(Server jetty, SslContextFactory.Server ssl, HttpConfiguration https) {
        HttpConnectionFactory http1 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory h2 = configured(new HTTP2ServerConnectionFactory(https));
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(h2.getProtocol(), http1.getProtocol());
        alpn.setDefaultProtocol(http1.getProtocol());
        return new ServerConnector(jetty, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, http1);
    }

    private static <F extends AbstractHTTP2ServerConnectionFactory> F configured(F factory) {
        factory.setConnectProtocolEnabled(false);
        return factory;
    }
}
