package io.incidentstream.adapters.http;

import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.in.AuthenticationUseCase.PublisherCheck;
import io.incidentstream.application.port.in.AuthenticationUseCase.SubscriberCheck;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call an endpoint, decided before the endpoint runs (so before any body is read).
 *
 * <p>Credentials come from the {@code Authorization: Bearer <credential>} header and nowhere else:
 * never from the query string, which ends up in proxy and access logs. They are never logged.
 *
 * <ul>
 *   <li>{@linkplain #write Writes}: {@link AuthenticationUseCase#checkPublisher}; none presented
 *       where keys are required is 401 {@code UNAUTHENTICATED} (with {@code WWW-Authenticate: Bearer}),
 *       an unknown key 403 {@code FORBIDDEN}. With no keys configured, publishing is open.</li>
 *   <li>{@linkplain #read Reads}, when protected: a publisher API key reads everything; a subscriber
 *       token reads within its scope, which is put on the {@link Exchange} for the endpoint to narrow
 *       its answer with. A key counts only when keys are configured, and a token only when token
 *       verification is: otherwise the use case accepts anything, and protection would be void
 *       (any string would pass as a key and bypass a token's scope). When reads are not protected
 *       they are open and unscoped, and the header is not looked at.</li>
 *   <li>{@linkplain #operator Operator reads} ({@code /metrics}), when protected: a publisher API key
 *       only; a subscriber token is 403.</li>
 * </ul>
 */
final class AccessGuard {

    private static final Logger LOG = LoggerFactory.getLogger(AccessGuard.class);
    /** Refused credentials: at INFO, on the logger the server rate-limits. */
    private static final Logger REFUSALS = LoggerFactory.getLogger("io.incidentstream.refusals");

    private static final String BEARER = "Bearer ";

    private final AuthenticationUseCase authentication;
    private final boolean protectReads;

    AccessGuard(AuthenticationUseCase authentication, boolean protectReads) {
        this.authentication = authentication;
        this.protectReads = protectReads;
        if (protectReads && !publisherKeysConfigured() && !authentication.subscribersAuthenticate()) {
            LOG.warn("protect_read_endpoints is on but neither publisher API keys nor subscriber token verification"
                    + " is configured: every request to /api/v1/incidents, /api/v1/stats and /metrics will be refused");
        }
    }

    /** {@code endpoint} for publishers only: checked against the configured API keys. */
    RouteTable.Endpoint write(RouteTable.Endpoint endpoint) {
        return exchange -> {
            String credential = bearer(exchange.request());
            PublisherCheck check = authentication.checkPublisher(credential);
            switch (check) {
                case ACCEPTED -> endpoint.handle(exchange);
                case MISSING ->
                    refuse(
                            exchange,
                            ApiError.unauthenticated(
                                    "publishing needs an API key:" + " send it as 'Authorization: Bearer <key>'"));
                case REJECTED -> refuse(exchange, ApiError.forbidden("unknown API key"));
            }
        };
    }

    /** {@code endpoint} for publishers and subscribers; a subscriber's scope is set on the exchange. */
    RouteTable.Endpoint read(RouteTable.Endpoint endpoint) {
        if (!protectReads) {
            return endpoint;
        }
        return exchange -> {
            String credential = bearer(exchange.request());
            if (credential == null) {
                refuse(
                        exchange,
                        ApiError.unauthenticated("this endpoint needs a publisher API key or a subscriber"
                                + " token, sent as 'Authorization: Bearer <credential>'"));
                return;
            }
            if (isPublisherKey(credential)) {
                endpoint.handle(exchange);
                return;
            }
            if (!authentication.subscribersAuthenticate()) {
                refuse(exchange, ApiError.forbidden("unknown API key"));
                return;
            }
            SubscriberCheck check = authentication.checkSubscriber(credential);
            if (check instanceof AuthenticationUseCase.Granted granted) {
                exchange.access(granted.access());
                endpoint.handle(exchange);
            } else if (check instanceof AuthenticationUseCase.Rejected rejected) {
                refuse(
                        exchange,
                        ApiError.forbidden(
                                "neither a known API key nor a valid subscriber token (" + rejected.reason() + ")"));
            } else {
                refuse(
                        exchange,
                        ApiError.unauthenticated("this endpoint needs a publisher API key or a subscriber"
                                + " token, sent as 'Authorization: Bearer <credential>'"));
            }
        };
    }

    /** {@code endpoint} for operators: a publisher API key when reads are protected. */
    RouteTable.Endpoint operator(RouteTable.Endpoint endpoint) {
        if (!protectReads) {
            return endpoint;
        }
        return exchange -> {
            String credential = bearer(exchange.request());
            if (credential == null) {
                refuse(
                        exchange,
                        ApiError.unauthenticated(
                                "this endpoint needs a publisher API key, sent as" + " 'Authorization: Bearer <key>'"));
            } else if (isPublisherKey(credential)) {
                endpoint.handle(exchange);
            } else {
                refuse(
                        exchange,
                        ApiError.forbidden("this endpoint needs a publisher API key;"
                                + " subscriber tokens do not give access to it"));
            }
        };
    }

    /** Whether keys are configured and {@code credential} is one of them. */
    private boolean isPublisherKey(String credential) {
        return publisherKeysConfigured() && authentication.checkPublisher(credential) == PublisherCheck.ACCEPTED;
    }

    /** With keys configured, presenting none is {@code MISSING}; without, anything is accepted. */
    private boolean publisherKeysConfigured() {
        return authentication.checkPublisher(null) != PublisherCheck.ACCEPTED;
    }

    private static void refuse(Exchange exchange, ApiError error) {
        // Address, method, path and outcome only: never the credential.
        REFUSALS.info(
                "refused {} {} from {}: {} {}",
                exchange.method(),
                exchange.path(),
                org.eclipse.jetty.server.Request.getRemoteAddr(exchange.request()),
                error.status(),
                error.code());
        exchange.fail(error);
    }

    /**
     * The credential of an {@code Authorization: Bearer <credential>} header, or null when there is
     * none, it uses another scheme, or it is empty.
     */
    static String bearer(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String credential = authorization.substring(BEARER.length()).trim();
        return credential.isEmpty() ? null : credential;
    }
}
