package io.incidentstream.bootstrap.config;

/**
 * How the values of {@link Settings} are checked, and written as the server compares them. Each
 * throws {@link IllegalArgumentException} with what was expected; the loader adds the key and
 * where the value came from.
 */
final class SettingChecks {

    private SettingChecks() {}

    static String checkAddressRange(String text) {
        io.incidentstream.adapters.websocket.ClientAddress.validate(text);
        return text;
    }

    static Object checkEngine(String text) {
        String engine = text.trim();
        if (!engine.equals("memory") && !engine.equals("redis")) {
            throw new IllegalArgumentException("expected memory or redis, got '" + engine + "'");
        }
        return engine;
    }

    static Object checkRedisUrl(String text) {
        String url = text.trim();
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("expected redis://[:password@]host:port/db, got an unparsable URL");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            // The value itself is not quoted: it may hold a password.
            throw new IllegalArgumentException("expected redis://[:password@]host:port/db or rediss://...");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.matches("/\\d*")) {
            throw new IllegalArgumentException("expected a database number after the port, e.g. /0");
        }
        return url;
    }

    static Object checkKeyPrefix(String text) {
        String prefix = text.trim();
        if (!prefix.matches("[A-Za-z0-9_.:{}-]{1,100}")) {
            throw new IllegalArgumentException(
                    "expected 1 to 100 letters, digits or _ . : { } -, got '" + prefix + "'");
        }
        return prefix;
    }

    static String checkKeyHash(String text) {
        if (!text.matches("sha256:[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("expected sha256: followed by 64 hex digits, got '" + text + "'");
        }
        return text;
    }

    /**
     * An origin as browsers send it, so that an exact comparison works: scheme and host in lower
     * case, and no port where it is the scheme's own ({@code HTTPS://Ops.example.com:443} is
     * {@code https://ops.example.com}).
     */
    static String origin(String text) {
        if (!text.matches("(?i)https?://[^/\\s]+")) {
            throw new IllegalArgumentException("expected origins like https://ops.example.com, got '" + text + "'");
        }
        String origin = text.toLowerCase(java.util.Locale.ROOT);
        String defaultPort = origin.startsWith("https:") ? ":443" : ":80";
        return origin.endsWith(defaultPort) ? origin.substring(0, origin.length() - defaultPort.length()) : origin;
    }
}
