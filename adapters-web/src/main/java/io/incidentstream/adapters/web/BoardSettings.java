package io.incidentstream.adapters.web;

/**
 * What the page must know before it connects, served as {@code /board/config.json}.
 *
 * @param tokenRequired subscribers need a token: the page asks for one before connecting, because a
 *     browser cannot tell a refused upgrade (401) from a server that is down
 */
public record BoardSettings(boolean tokenRequired) {

    String json() {
        return "{\"token_required\":" + tokenRequired + "}";
    }
}
