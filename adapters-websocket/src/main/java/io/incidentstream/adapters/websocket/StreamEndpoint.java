package io.incidentstream.adapters.websocket;

import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.ClientSession;
import io.incidentstream.application.port.in.SessionUseCase;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.codec.json.InvalidJsonException;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.messages.MessageSink;
import org.eclipse.jetty.websocket.core.messages.StringMessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint of one connection, on Jetty's core WebSocket API: turns frames into the
 * session's use cases, and asks for the next frame when one is handled. Frames are read on the
 * selector ({@link DirectWriteConnection}), so nothing here may wait or take long: a resume that
 * may ask Redis whether its position was handed out ({@link ClientSession#subscribeMayWait}), and a
 * refresh, whose token's signature is checked, run on Jetty's pool, and the next frame is read once
 * they are done.
 *
 * <p>Core rather than Jetty's listener API because that API keeps, for every connection, the whole
 * upgrade exchange (request, response, headers, a method-handle binding per listener method):
 * about 4.7 KB of heap per idle connection, measured with the benchmark module's echo servers.
 * Text messages are assembled by Jetty's own {@link StringMessageSink}, as the listener API did,
 * so size limits (1009) and UTF-8 checks (1007) are unchanged.
 */
public final class StreamEndpoint implements FrameHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);
    /** Closes for abuse or broken clients: at INFO, on the logger the server rate-limits. */
    private static final Logger ABUSE = LoggerFactory.getLogger("io.incidentstream.refusals");
    /** Close codes that say the client misbehaved (or could not keep up): worth an operator's attention. */
    private static final java.util.Set<Integer> NOTEWORTHY = java.util.Set.of(
            CloseCode.TOO_MANY_MESSAGES.code(),
            CloseCode.SLOW_CONSUMER.code(),
            CloseCode.UNAUTHENTICATED.code(),
            1002,
            1007,
            CloseCode.POLICY_VIOLATION.code(),
            CloseCode.MESSAGE_TOO_BIG.code());

    private final SessionUseCase sessions;
    private final ClientMessageReader reader;
    /** Shared by every connection of the route; the address is this one's. */
    private final BiFunction<CoreSession, String, JettyClientChannel> channels;

    private final String address;
    private final Runnable releaseConnection;
    private final AuthenticationUseCase authentication;
    private final AuthenticationUseCase.SubscriberCheck check;
    private volatile ClientSession session;
    /** The connection's channel, which holds its Jetty session: one field per connection, not two. */
    private volatile JettyClientChannel channel;

    private long openedNanos;
    /** Made at the first text message; Jetty calls {@link #onFrame} for one frame at a time. */
    private MessageSink text;
    /** The data frame type a continuation frame continues. */
    private byte messageType;
    /** Bytes of the binary message being received, which is counted against the limit and dropped. */
    private long binaryBytes;

    StreamEndpoint(
            SessionUseCase sessions,
            ClientMessageReader reader,
            AuthenticationUseCase authentication,
            BiFunction<CoreSession, String, JettyClientChannel> channels,
            String address,
            Runnable releaseConnection,
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
    public void onOpen(CoreSession socket, Callback callback) {
        this.openedNanos = System.nanoTime();
        JettyClientChannel channel = channels.apply(socket, address);
        this.channel = channel;
        if (check instanceof AuthenticationUseCase.Granted granted) {
            session = sessions.open(channel, granted.access());
            LOG.debug("session {} opened from {}", session.id(), address);
        } else {
            // A browser's token was refused: it could not have seen a 401, so say it here and leave.
            channel.refuse(CloseCode.UNAUTHENTICATED.closing(reasonOf(check)));
        }
        callback.succeeded();
        socket.demand();
    }

    /** A failure handed to the callback closes the connection with its code (1009, 1007, or 1011). */
    @Override
    public void onFrame(Frame frame, Callback callback) {
        try {
            switch (frame.getOpCode()) {
                case OpCode.TEXT -> {
                    messageType = OpCode.TEXT;
                    text().accept(frame, callback);
                }
                case OpCode.BINARY -> {
                    messageType = OpCode.BINARY;
                    onBinaryFrame(frame, callback);
                }
                case OpCode.CONTINUATION -> {
                    if (messageType == OpCode.TEXT) {
                        text().accept(frame, callback);
                    } else {
                        onBinaryFrame(frame, callback);
                    }
                }
                case OpCode.PING -> {
                    onPing(frame.getPayload());
                    callback.succeeded();
                    socket().demand();
                }
                case OpCode.PONG -> {
                    onPong();
                    callback.succeeded();
                    socket().demand();
                }
                // A close frame: Jetty answers it and then calls onClosed.
                default -> callback.succeeded();
            }
        } catch (Throwable failure) {
            callback.failed(failure);
        }
    }

    private MessageSink text() {
        if (text == null) {
            // Not demanding by itself: a message handed to the pool asks for the next frame when done.
            text = new StringMessageSink(
                    socket(),
                    arguments -> {
                        if (!onText((String) arguments[0])) {
                            socket().demand();
                        }
                        return null;
                    },
                    false);
        }
        return text;
    }

    /** Binary messages are not part of the protocol: counted against the size limit, dropped, and answered with an error. */
    private void onBinaryFrame(Frame frame, Callback callback) {
        binaryBytes += frame.getPayloadLength();
        long max = socket().getMaxBinaryMessageSize();
        if (max > 0 && binaryBytes > max) {
            callback.failed(new MessageTooLargeException("Binary message too large: " + binaryBytes + " > " + max));
            binaryBytes = 0;
            return;
        }
        callback.succeeded();
        if (frame.isFin()) {
            binaryBytes = 0;
            onBinary();
        }
        socket().demand();
    }

    /** Why a subscriber was refused: in a 401's body, or in the closing frame a browser gets. */
    static String reasonOf(AuthenticationUseCase.SubscriberCheck check) {
        return check instanceof AuthenticationUseCase.Rejected rejected
                ? "token rejected: " + rejected.reason()
                : "a subscriber token is required";
    }

    /** Handles one text message; true when it went to the pool, which then asks for the next frame. */
    private boolean onText(String text) {
        ClientSession current = session;
        if (current == null) {
            return false;
        }
        ClientMessage message;
        try {
            message = reader.read(text);
        } catch (InvalidJsonException e) {
            current.reject(ErrorCode.INVALID_MESSAGE, e.getMessage());
            return false;
        } catch (ClientMessageReader.InvalidSubscribe e) {
            current.reject(ErrorCode.INVALID_MESSAGE, e.getMessage(), e.subscriptionId());
            return false;
        }
        if (message instanceof ClientMessage.Subscribe subscribe) {
            SubscribeCommand command = new SubscribeCommand(
                    subscribe.subscriptionId(),
                    subscribe.filter(),
                    subscribe.since(),
                    subscribe.epoch(),
                    subscribe.snapshot());
            if (current.subscribeMayWait(command)) {
                return offTheSelector(() -> current.subscribe(command));
            }
            current.subscribeWithoutWaiting(command);
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            current.unsubscribe(unsubscribe.subscriptionId());
        } else if (message instanceof ClientMessage.Ping ping) {
            current.ping(ping.timestamp());
        } else if (message instanceof ClientMessage.Ack ack) {
            current.ack(ack.messageId());
        } else if (message instanceof ClientMessage.Refresh refresh) {
            return offTheSelector(() -> current.refresh(authentication.checkSubscriber(refresh.token())));
        } else if (message instanceof ClientMessage.Watch watch) {
            current.watch(watch.incidentId(), watch.name());
        } else if (message instanceof ClientMessage.Unwatch unwatch) {
            current.unwatch(unwatch.incidentId());
        }
        return false;
    }

    /**
     * Runs {@code work} on Jetty's pool when frames are read on the selector (else here), and reads
     * the next frame once it is done; true when it went to the pool. A failure there closes the
     * connection with 1011, as one here does.
     */
    private boolean offTheSelector(Runnable work) {
        DirectWriteConnection connection = DirectWriteConnection.of(socket());
        if (connection == null) {
            work.run();
            return false;
        }
        connection.runOnPool(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("WebSocket message handling failed on session {}", session.id(), e);
                socket().close(CloseStatus.SERVER_ERROR, "internal error", Callback.NOOP);
                return;
            }
            socket().demand();
        });
        return true;
    }

    private void onBinary() {
        ClientSession current = session;
        if (current != null) {
            current.reject(ErrorCode.UNSUPPORTED, "binary frames are not supported: send JSON text frames");
        }
    }

    /** Core Jetty leaves pings to the endpoint: answer with the same payload, and count the ping as activity. */
    private void onPing(ByteBuffer payload) {
        ClientSession current = session;
        if (current != null) {
            current.activity();
        }
        // A copy: the payload is Jetty's network buffer, reused once this frame is handled.
        socket().sendFrame(new Frame(OpCode.PONG, BufferUtil.copy(payload)), Callback.NOOP, false);
    }

    private void onPong() {
        ClientSession current = session;
        if (current != null) {
            current.heartbeatAnswered();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        ClientSession current = session;
        if (current != null) {
            current.transportError();
        }
        String id = current == null ? "?" : current.id();
        if (cause instanceof java.io.IOException) {
            // The connection ended under the session (the peer left without a close frame): no trace needed.
            LOG.debug("WebSocket connection of session {} ended: {}", id, cause.toString());
        } else {
            LOG.debug("WebSocket error on session {}", id, cause);
        }
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        releaseConnection.run();
        ClientSession current = session;
        logClose(current, status);
        if (current != null) {
            current.disconnected();
        }
        callback.succeeded();
    }

    private CoreSession socket() {
        return channel.socket();
    }

    private void logClose(ClientSession current, CloseStatus status) {
        // The close this server sent, when it sent one: the peer's status says 1006 when it dropped
        // the connection without answering, which the clients worth logging (stalled, flooding) do.
        JettyClientChannel.SentClose sent = channel == null ? null : channel.sentClose();
        int code = sent != null ? sent.code().code() : status == null ? CloseStatus.NO_CODE : status.getCode();
        String reason = sent != null ? sent.reason() : status == null ? null : status.getReason();
        // A refused session (a browser's bad token) was logged when it was refused, at the upgrade.
        boolean noteworthy = NOTEWORTHY.contains(code) && current != null;
        Logger logger = noteworthy ? ABUSE : LOG;
        if (noteworthy ? !logger.isInfoEnabled() : !logger.isDebugEnabled()) {
            return;
        }
        String line = "session {} from {} closed with {} ({}) after {} s";
        Object[] arguments = {
            current == null ? "(refused)" : current.id(),
            address,
            code,
            reason == null ? "" : reason,
            String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - openedNanos) / 1e9)
        };
        if (noteworthy) {
            logger.info(line, arguments);
        } else {
            logger.debug(line, arguments);
        }
    }
}
