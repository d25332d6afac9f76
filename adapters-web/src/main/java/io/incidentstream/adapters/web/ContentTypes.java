package io.incidentstream.adapters.web;

import java.util.Map;

/**
 * Content types by file extension. Exact types matter here: with {@code X-Content-Type-Options:
 * nosniff}, browsers refuse a module script or a style sheet served with any other type.
 */
final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "txt", "text/plain; charset=utf-8");

    private ContentTypes() {}

    /** The type for {@code name}; an unknown extension is a packaging mistake and fails at start-up. */
    static String of(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1));
        if (type == null) {
            throw new IllegalArgumentException("no content type known for board file '" + name + "'");
        }
        return type;
    }
}
