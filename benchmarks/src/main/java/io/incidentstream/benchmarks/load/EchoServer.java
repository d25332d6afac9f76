package io.incidentstream.benchmarks.load;

import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A bare Jetty WebSocket echo server on {@code /echo}, built the way incident-stream builds its
 * endpoint (Jetty 12 core upgrade handler, auto-demanding listener, same thread pool), with
 * nothing of ours: the baseline that our memory per connection is compared with.
 *
 * <pre>java -cp benchmarks.jar io.incidentstream.benchmarks.load.EchoServer --port 8081</pre>
 */
public final class EchoServer {

    private EchoServer() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        String host = args.text("host", "127.0.0.1");
        int port = args.integer("port", 8081);
        args.checkAllUsed();
        Server server = start(host, port);
        System.out.println("echo server listening on " + host + ":" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
        server.join();
    }

    public static Server start(String host, int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("echo-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            // As in incident-stream, idle connections are not timed out by Jetty.
            container.setIdleTimeout(Duration.ofHours(2));
            container.addMapping("/echo", (request, response, callback) -> new Echo());
        }));
        server.start();
        return server;
    }

    /** Sends every text message back (public: Jetty binds the listener's methods through method handles). */
    public static final class Echo implements Session.Listener.AutoDemanding {

        private volatile Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String text) {
            session.sendText(text, Callback.NOOP);
        }
    }
}
