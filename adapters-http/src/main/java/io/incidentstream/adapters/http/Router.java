package io.incidentstream.adapters.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny router: exact paths, and templates whose last segment is a parameter
 * ({@code /api/v1/incidents/{id}}). Knows enough to tell an unknown path (404) from a known path
 * asked with the wrong method (405, with the methods that are allowed).
 */
final class Router {

    /** Handles one routed request. */
    @FunctionalInterface
    interface Endpoint {
        void handle(Exchange exchange) throws Exception;
    }

    /** What a request resolved to: an endpoint (and its parameter), or the methods the path allows. */
    record Match(Endpoint endpoint, String parameter, Set<String> allowed) {

        boolean found() {
            return endpoint != null;
        }

        boolean pathKnown() {
            return endpoint != null || !allowed.isEmpty();
        }
    }

    private record Template(String prefix, Map<String, Endpoint> methods) {
    }

    private final Map<String, Map<String, Endpoint>> exact = new HashMap<>();
    private final List<Template> templates = new ArrayList<>();

    /** Adds a route; {@code path} is exact, or ends with a {@code /{name}} segment. */
    Router route(String method, String path, Endpoint endpoint) {
        Map<String, Endpoint> methods;
        if (path.endsWith("}")) {
            String prefix = path.substring(0, path.lastIndexOf('/') + 1);
            methods = templates.stream().filter(t -> t.prefix().equals(prefix)).findFirst()
                    .map(Template::methods).orElseGet(() -> {
                        Template template = new Template(prefix, new LinkedHashMap<>());
                        templates.add(template);
                        return template.methods();
                    });
        } else {
            methods = exact.computeIfAbsent(path, p -> new LinkedHashMap<>());
        }
        if (methods.putIfAbsent(method, endpoint) != null) {
            throw new IllegalStateException(method + " " + path + " is routed twice");
        }
        return this;
    }

    Match resolve(String method, String path) {
        Map<String, Endpoint> methods = exact.get(path);
        if (methods != null) {
            return match(methods, method, null);
        }
        for (Template template : templates) {
            String prefix = template.prefix();
            if (path.startsWith(prefix) && path.length() > prefix.length() && path.indexOf('/', prefix.length()) < 0) {
                return match(template.methods(), method, path.substring(prefix.length()));
            }
        }
        return new Match(null, null, Set.of());
    }

    private static Match match(Map<String, Endpoint> methods, String method, String parameter) {
        Endpoint endpoint = methods.get(method);
        return endpoint != null ? new Match(endpoint, parameter, methods.keySet())
                : new Match(null, null, Set.copyOf(methods.keySet()));
    }
}
