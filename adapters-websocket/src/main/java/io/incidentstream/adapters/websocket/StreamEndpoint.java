package io.incidentstream.adapters.websocket;

import io.incidentstream.application.message.CloseCodes;
import io.incidentstream.application.message.Closing;
import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.ClientSession;
import io.incidentstream.application.port.in.SessionUseCase;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.codec.json.InvalidJsonException;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint of one connection: turns frames into the session's use cases. Jetty
 * demands the next frame automatically after each one, and nothing here blocks.
 */
public final class StreamEndpoint implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);

    private final SessionUseCase sessions;
    private final ClientMessageReader reader;
    /** Shared by every connection of the route; the address is this one's. */
    private final BiFunction<Session, String, JettyClientChannel> channels;
    private final String address;
    private final Runnable releaseConnection;
    private final AuthenticationUseCase authentication;
    private final AuthenticationUseCase.SubscriberCheck check;
    private volatile ClientSession session;
    private volatile Session socket;

    StreamEndpoint(SessionUseCase sessions, ClientMessageReader reader, AuthenticationUseCase authentication,
                   BiFunction<Session, String, JettyClientChannel> channels, String address, Runnable releaseConnection,
                   AuthenticationUseCase.SubscriberCheck check) {
        this.sessions = sessions;
        this.reader = reader;
        this.channels = channels;
        this.address = address;
        this.releaseConnection = releaseConnection;
        this.authentication = authentication;
        this.check = check;
    }

    @Override
    public void onWebSocketOpen(Session socket) {
        this.socket = socket;
        JettyClientChannel channel = channels.apply(socket, address);
        if (check instanceof AuthenticationUseCase.Granted granted) {
            session = sessions.open(channel, granted.access());
        } else {
            // A browser's token was refused: it could not have seen a 401, so say it here and leave.
            channel.refuse(new Closing(reasonOf(check), CloseCodes.UNAUTHENTICATED, false, null));
        }
    }

    private static String reasonOf(AuthenticationUseCase.SubscriberCheck check) {
        return check instanceof AuthenticationUseCase.Rejected rejected
                ? "token rejected: " + rejected.reason() : "a subscriber token is required";
    }

    @Override
    public void onWebSocketText(String text) {
        ClientSession current = session;
        if (current == null) {
            return;
        }
        ClientMessage message;
        try {
            message = reader.read(text);
        } catch (InvalidJsonException e) {
            current.reject(ErrorCode.INVALID_MESSAGE, e.getMessage());
            return;
        }
        if (message instanceof ClientMessage.Subscribe subscribe) {
            current.subscribe(new SubscribeCommand(subscribe.subscriptionId(), subscribe.filter(), subscribe.since(),
                    subscribe.epoch(), subscribe.snapshot()));
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            current.unsubscribe(unsubscribe.subscriptionId());
        } else if (message instanceof ClientMessage.Ping ping) {
            current.ping(ping.timestamp());
        } else if (message instanceof ClientMessage.Ack ack) {
            current.ack(ack.messageId());
        } else if (message instanceof ClientMessage.Refresh refresh) {
            current.refresh(authentication.checkSubscriber(refresh.token()));
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        if (session == null) {
            return;
        }
        session.reject(ErrorCode.UNSUPPORTED, "binary frames are not supported: send JSON text frames");
    }

    /**
     * Jetty answers pings itself unless this method exists, and there is no other way to see them;
     * so answer exactly as Jetty would, and count the ping as activity.
     */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        ClientSession current = session;
        if (current != null) {
            current.activity();
        }
        socket.sendPong(payload, Callback.NOOP);
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        ClientSession current = session;
        if (current != null) {
            current.heartbeatAnswered();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        ClientSession current = session;
        if (current != null) {
            current.transportError();
        }
        LOG.debug("WebSocket error on session {}", session == null ? "?" : session.id(), cause);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        releaseConnection.run();
        ClientSession current = session;
        if (current != null) {
            current.disconnected();
        }
        callback.succeed();
    }
}
