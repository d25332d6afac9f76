package io.incidentstream.benchmarks.load;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * A bare Jetty WebSocket echo server on {@code /echo}, built the way incident-stream builds its
 * endpoint (Jetty 12's core WebSocket API: core upgrade handler, a frame handler, the same thread
 * pool), with nothing of ours: the baseline that our memory per connection is compared with.
 *
 * <pre>java -cp benchmarks.jar io.incidentstream.benchmarks.load.EchoServer --port 8081</pre>
 */
public final class EchoServer {

    private EchoServer() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        String host = args.text("host", "127.0.0.1");
        int port = args.integer("port", 8081);
        args.checkAllUsed();
        Server server = start(host, port);
        System.out.println("echo server listening on " + host + ":"
                + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
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
        WebSocketUpgradeHandler upgrades =
                new WebSocketUpgradeHandler(WebSocketServerComponents.ensureWebSocketComponents(server));
        // As in incident-stream, idle connections are not timed out by Jetty.
        upgrades.getConfiguration().setIdleTimeout(Duration.ofHours(2));
        upgrades.addMapping("/echo", (request, response, callback) -> new Echo());
        server.setHandler(upgrades);
        server.start();
        return server;
    }

    /** Sends every text frame back (the load programs send single-frame messages). */
    private static final class Echo implements FrameHandler {

        private CoreSession session;

        @Override
        public void onOpen(CoreSession session, Callback callback) {
            this.session = session;
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.TEXT) {
                ByteBuffer copy = BufferUtil.copy(frame.getPayload());
                session.sendFrame(new Frame(OpCode.TEXT, true, copy), Callback.NOOP, false);
            }
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus status, Callback callback) {
            callback.succeeded();
        }
    }
}
