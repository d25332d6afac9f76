package io.incidentstream.adapters.websocket.sse;

import io.incidentstream.adapters.websocket.BearerHeader;
import io.incidentstream.adapters.websocket.ClientAddress;
import io.incidentstream.adapters.websocket.RefusalLog;
import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.application.message.CloseCode;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.ClientSession;
import io.incidentstream.application.port.in.ConnectionGate;
import io.incidentstream.application.port.in.SessionUseCase;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.port.out.Access;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /sse}: the stream of {@code /ws} as Server-Sent Events, over the same session use
 * cases. Everything that can refuse the request (method, Origin, the query's encoding, token,
 * filter parameters, scope, connection limits, in that order) answers before the stream starts,
 * with a status; after that the request becomes one session with one subscription, and this
 * handler's work is done: the {@link SseChannel} carries it.
 * Other paths pass to the wrapped handler.
 *
 * <p>The token may come in the query ({@code access_token}), since {@code EventSource} cannot set
 * headers. Nothing here logs the query, and the token is never echoed in an answer.
 */
public final class SseRoute extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(SseRoute.class);
    private static final String EVENT_STREAM = "text/event-stream";
    /** What a refusal of this route is called in the log. */
    private static final String STREAM = "SSE stream";

    /** The least wait before {@code EventSource} asks a full server again: a refusal's {@code Retry-After: 5}. */
    private static final long FULL_RETRY_MILLIS = 5_000;

    private final SseSettings settings;
    private final SessionUseCase sessions;
    private final ConnectionGate gate;
    private final AuthenticationUseCase authentication;
    private final SseFrames frames;
    private final ClientAddress addresses;

    public SseRoute(
            SseSettings settings,
            SessionUseCase sessions,
            ConnectionGate gate,
            AuthenticationUseCase authentication,
            ServerMessageWriter writer,
            Handler next) {
        super(next);
        this.settings = settings;
        this.sessions = sessions;
        this.gate = gate;
        this.authentication = authentication;
        this.frames = new SseFrames(writer);
        this.addresses = new ClientAddress(settings.trustedProxies());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!settings.path().equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && settings.allows(origin)) {
            // Not credentials: a token travels in the query or a header the page sets, never in a cookie.
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        response.getHeaders().add(HttpHeader.VARY, "Origin");
        if (HttpMethod.OPTIONS.is(request.getMethod())) {
            preflight(origin, response, callback);
            return true;
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, OPTIONS");
            SseRefusal.write(
                    response,
                    callback,
                    405,
                    "METHOD_NOT_ALLOWED",
                    request.getMethod() + " is not allowed on " + settings.path() + ": use GET",
                    null);
            return true;
        }
        if (origin != null && !settings.allows(origin)) {
            gate.denied(ConnectionGate.Denial.ORIGIN_NOT_ALLOWED, SseChannel.TRANSPORT);
            SseRefusal.write(
                    response, callback, 403, "ORIGIN_NOT_ALLOWED", "origin " + origin + " may not connect", null);
            RefusalLog.refused(STREAM, Request.getRemoteAddr(request), 403, "ORIGIN_NOT_ALLOWED", "origin " + origin);
            return true;
        }
        Fields query;
        try {
            query = Request.extractQueryParameters(request);
        } catch (RuntimeException badEncoding) {
            // Before the token, which may be in this query and cannot be read from it.
            SseRefusal.write(response, callback, 400, "BAD_REQUEST", "the query is not valid URL-encoded UTF-8", null);
            return true;
        }
        // The token before the filters, as on every endpoint: a client without one learns nothing
        // about what it asked for, only that it must authenticate.
        AuthenticationUseCase.SubscriberCheck check = authentication.checkSubscriber(token(request, query));
        if (!(check instanceof AuthenticationUseCase.Granted granted)) {
            gate.denied(ConnectionGate.Denial.UNAUTHENTICATED, SseChannel.TRANSPORT);
            String reason = check instanceof AuthenticationUseCase.Rejected rejected
                    ? "token rejected: " + rejected.reason()
                    : "a subscriber token is required";
            SseRefusal.write(response, callback, 401, "UNAUTHENTICATED", reason, null);
            RefusalLog.refused(STREAM, Request.getRemoteAddr(request), 401, "UNAUTHENTICATED", reason);
            return true;
        }
        SubscribeCommand command;
        try {
            command = SseQuery.parse(query, request.getHeaders().get("Last-Event-ID"), settings.maxFilterValues());
        } catch (SseQuery.Invalid invalid) {
            SseRefusal.write(response, callback, 400, invalid.code(), invalid.getMessage(), invalid.parameter());
            return true;
        }
        Access access = granted.access();
        if (access.forbids(command.filter())) {
            SseRefusal.write(
                    response,
                    callback,
                    403,
                    "FORBIDDEN",
                    "the filter asks only for events outside what this token may see",
                    null);
            return true;
        }
        String address = addresses.resolve(Request.getRemoteAddr(request), request.getHeaders());
        ConnectionGate.Entry entry = gate.enter(address, SseChannel.TRANSPORT);
        if (entry instanceof ConnectionGate.Refused refused) {
            int status = refused.reason() == ConnectionGate.Reason.ADDRESS_FULL ? 429 : 503;
            RefusalLog.refused(STREAM, address, status, refused.reason().name(), refused.message());
            if (refused.reason() == ConnectionGate.Reason.SHUTTING_DOWN) {
                endAtOnce(response, callback, CloseCode.GOING_AWAY, "server shutting down", settings.retryMillis());
                return true;
            }
            if (fromEventSource(request)) {
                // Full for now, not for ever: come back after the Retry-After that a refusal would give.
                endAtOnce(response, callback, CloseCode.TRY_AGAIN_LATER, refused.message(), FULL_RETRY_MILLIS);
                return true;
            }
            SseRefusal.write(
                    response,
                    callback,
                    status,
                    refused.reason().name().toUpperCase(Locale.ROOT),
                    refused.message(),
                    null);
            return true;
        }
        ConnectionGate.Entered entered = (ConnectionGate.Entered) entry;
        stream(request, response, callback, entered, access, command);
        return true;
    }

    private void stream(
            Request request,
            Response response,
            Callback callback,
            ConnectionGate.Entered entered,
            Access access,
            SubscribeCommand command) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, EVENT_STREAM);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        // nginx buffers responses by default, which would hold events back until a buffer fills.
        response.getHeaders().put("X-Accel-Buffering", "no");
        long retry = settings.retryMillis() + ThreadLocalRandom.current().nextLong(settings.retryMillis() + 1);
        SseChannel channel = new SseChannel(response, callback, frames, entered.address(), retry, entered.release());
        // The stream is quiet between heartbeats by design: the write timeout, not Jetty's idle
        // timeout, decides when a client is gone.
        request.addIdleTimeoutListener(timeout -> !channel.isOpen());
        request.addFailureListener(channel::failed);
        ClientSession session = sessions.open(channel, access);
        channel.attach(session);
        // The path only, never the query: it may hold the token.
        LOG.debug("event stream {} opened from {} for {}", session.id(), entered.address(), access.subject());
        if (session.subscribeMayWait(command)) {
            // A resume may ask the stream engine (Redis) whether its position was handed out: a round
            // trip, so on the pool, not on the thread that read this request. The stream has nothing
            // else to order it against.
            request.getComponents().getExecutor().execute(() -> session.subscribe(command));
        } else {
            session.subscribeWithoutWaiting(command);
        }
    }

    /**
     * A stream that says only {@code closing} and ends, whose {@code retry:} (between {@code
     * minRetryMillis} and twice that) brings {@code EventSource} back later: it gives up for good on
     * any status but 200. For a stream asked for while the server shuts down (1001; it does ask here,
     * over the keep-alive connection its last stream ended on, and comes back to this server's
     * successor), and for one from {@code EventSource} while the server or the address is full (1013).
     */
    private void endAtOnce(Response response, Callback callback, CloseCode code, String reason, long minRetryMillis) {
        long retry = minRetryMillis + ThreadLocalRandom.current().nextLong(minRetryMillis + 1);
        byte[] closing = frames.frame(code.closing(reason, retry), "");
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, EVENT_STREAM);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, java.nio.ByteBuffer.wrap(closing), callback);
    }

    /** {@code EventSource} always asks for {@code text/event-stream}; curl and scripts need not. */
    private static boolean fromEventSource(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(EVENT_STREAM);
    }

    /**
     * The Authorization header's bearer token, else {@code access_token} in the query; null when
     * neither. Another scheme in the header counts as no credential (see {@link BearerHeader}).
     */
    private static String token(Request request, Fields query) {
        String bearer = BearerHeader.token(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        return bearer != null ? bearer : query.getValue("access_token");
    }

    /**
     * A browser asks before sending Authorization or Last-Event-ID from another origin. Without an
     * {@code Origin} it is no preflight, only a question of what the path allows.
     */
    private void preflight(String origin, Response response, Callback callback) {
        if (origin == null) {
            response.setStatus(204);
            response.getHeaders().put(HttpHeader.ALLOW, "GET, OPTIONS");
            response.write(true, null, callback);
            return;
        }
        if (!settings.allows(origin)) {
            SseRefusal.write(
                    response, callback, 403, "ORIGIN_NOT_ALLOWED", "origin " + origin + " may not connect", null);
            return;
        }
        response.setStatus(204);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET");
        response.getHeaders()
                .put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Last-Event-ID, Cache-Control");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        response.write(true, null, callback);
    }
}
