package io.incidentstream.adapters.websocket.sse;

import java.util.List;

/**
 * How {@code GET /sse} is served.
 *
 * @param path            where clients connect ({@code /sse})
 * @param retryMillis     the base of the {@code retry:} delay a stream opens with; each stream gets a
 *                        random delay from this to twice this, so reconnecting clients spread out
 * @param maxFilterValues values one filter list may hold (400 beyond), as on {@code /ws}
 * @param trustedProxies  IP addresses or CIDR ranges whose forwarding headers name the real client
 * @param allowedOrigins  browser origins that may read the stream (CORS); empty: any
 */
public record SseSettings(
        String path, long retryMillis, int maxFilterValues, List<String> trustedProxies, List<String> allowedOrigins) {

    public SseSettings {
        trustedProxies = List.copyOf(trustedProxies);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    boolean allows(String origin) {
        return allowedOrigins.isEmpty() || allowedOrigins.contains(origin);
    }
}
