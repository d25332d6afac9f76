package io.incidentstream.adapters.web;

import java.util.List;
import java.util.Objects;

/**
 * What the page must know before it connects, served as {@code /board/config.json}. A browser cannot
 * tell a refused WebSocket upgrade (401, 403) from a server that is down, so the page asks first and
 * can say clearly why it will not get in.
 *
 * @param tokenRequired subscribers need a token: the page asks for one before connecting
 * @param allowedOrigins the browser origins that may open {@code /ws} (exact {@code scheme://host[:port]},
 *     as the WebSocket endpoint compares them); empty: any
 */
public record BoardSettings(boolean tokenRequired, List<String> allowedOrigins) {

    public BoardSettings {
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
    }

    /**
     * The page's configuration; {@code origin} is the page's own (sent by the page), or null. Only
     * whether that one origin may connect is said, not the list of those that may.
     */
    String json(String origin) {
        boolean allowed = allowedOrigins.isEmpty() || (origin != null && allowedOrigins.contains(origin));
        return "{\"token_required\":" + tokenRequired + ",\"origin_allowed\":" + allowed + "}";
    }
}
