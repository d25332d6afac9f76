package io.incidentstream.adapters.websocket;

/**
 * The subscriber token of an {@code Authorization} header, for {@code /ws} and {@code /sse}. Only
 * {@code Bearer <token>} counts: another scheme, or an empty bearer, is no credential, so the
 * browser's own ways (the subprotocol, the {@code access_token} query parameter) are looked at
 * next. A browser on a site behind HTTP Basic authentication sends such a header by itself,
 * beside its own token.
 */
public final class BearerHeader {

    private BearerHeader() {}

    /** The token, or null when the header is missing, of another scheme, or empty. */
    public static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
