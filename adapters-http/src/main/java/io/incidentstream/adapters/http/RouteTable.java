package io.incidentstream.adapters.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP path table: exact paths, and templates with one segment that is a parameter
 * ({@code /api/v1/incidents/{id}}, {@code /api/v1/incidents/{id}/watchers}). Knows enough to tell an unknown path (404) from a known path
 * asked with the wrong method (405, with the methods that are allowed).
 *
 * <p>A path routed for GET answers HEAD with the same endpoint (RFC 9110 9.3.2: the headers of the
 * GET, no content): a monitor or load balancer that checks {@code HEAD /health/ready} must not read
 * 405 as a node that is down. Jetty sends the status and headers and drops the content written.
 */
final class RouteTable {

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

    /** The path before the parameter (ending with '/'), and after it ("" or starting with '/'). */
    private record Template(String prefix, String suffix, Map<String, Endpoint> methods) {

        /** The parameter, when {@code path} fits this template; else null. */
        String parameter(String path) {
            if (!path.startsWith(prefix)
                    || !path.endsWith(suffix)
                    || path.length() <= prefix.length() + suffix.length()) {
                return null;
            }
            String parameter = path.substring(prefix.length(), path.length() - suffix.length());
            return parameter.indexOf('/') < 0 ? parameter : null;
        }
    }

    private final Map<String, Map<String, Endpoint>> exact = new HashMap<>();
    private final List<Template> templates = new ArrayList<>();
    /** Every routed path with its methods, in the order routed (for the start-up banner). */
    private final Map<String, List<String>> paths = new LinkedHashMap<>();

    /** Adds a route; {@code path} is exact, or has one {@code /{name}} segment. */
    RouteTable route(String method, String path, Endpoint endpoint) {
        Map<String, Endpoint> methods;
        int open = path.indexOf("/{");
        if (open >= 0) {
            String prefix = path.substring(0, open + 1);
            String suffix = path.substring(path.indexOf('}', open) + 1);
            methods = templates.stream()
                    .filter(t -> t.prefix().equals(prefix) && t.suffix().equals(suffix))
                    .findFirst()
                    .map(Template::methods)
                    .orElseGet(() -> {
                        Template template = new Template(prefix, suffix, new LinkedHashMap<>());
                        templates.add(template);
                        return template.methods();
                    });
        } else {
            methods = exact.computeIfAbsent(path, p -> new LinkedHashMap<>());
        }
        if (methods.putIfAbsent(method, endpoint) != null) {
            throw new IllegalStateException(method + " " + path + " is routed twice");
        }
        paths.computeIfAbsent(path, p -> new ArrayList<>()).add(method);
        return this;
    }

    /** Every routed path (templates as written, e.g. {@code /api/v1/incidents/{id}}) and its methods. */
    Map<String, List<String>> paths() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        paths.forEach((path, methods) -> copy.put(path, List.copyOf(methods)));
        return copy;
    }

    Match resolve(String method, String path) {
        Map<String, Endpoint> methods = exact.get(path);
        if (methods != null) {
            return match(methods, method, null);
        }
        for (Template template : templates) {
            String parameter = template.parameter(path);
            if (parameter != null) {
                return match(template.methods(), method, parameter);
            }
        }
        return new Match(null, null, Set.of());
    }

    private static Match match(Map<String, Endpoint> methods, String method, String parameter) {
        Endpoint endpoint = methods.get(method);
        if (endpoint == null && method.equals("HEAD")) {
            endpoint = methods.get("GET");
        }
        // The allowed methods are for a 405 only: a served request does not build the set.
        return endpoint != null
                ? new Match(endpoint, parameter, methods.keySet())
                : new Match(null, null, allowed(methods.keySet()));
    }

    private static Set<String> allowed(Set<String> routed) {
        Set<String> allowed = new HashSet<>(routed);
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return allowed;
    }
}
