package io.incidentstream.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines logged once the server listens: where everything is (every routed path, so that a route
 * added to the HTTP API appears here without editing this class), which configuration is in force
 * and where it came from.
 */
final class StartupBanner {

    private StartupBanner() {}

    /**
     * @param scheme {@code http} or {@code https}
     * @param routes path to methods, as routed by the HTTP API
     */
    static List<String> urls(String scheme, String host, int port, Map<String, List<String>> routes) {
        String shownHost = isWildcard(host) ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        String base = scheme + "://" + shownHost + ":" + port;
        String webSocketBase = (scheme.equals("https") ? "wss" : "ws") + "://" + shownHost + ":" + port;
        List<String> lines = new ArrayList<>();
        routes.forEach((path, methods) -> {
            if (path.equals("/ws")) {
                lines.add(String.format("  %-9s %s%s", "WebSocket", webSocketBase, path));
            } else {
                lines.add(String.format("  %-9s %s%s", String.join(",", methods), base, path));
            }
        });
        return lines;
    }

    static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /** A count with its noun, singular for one: "1 client", "3 clients". */
    static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
