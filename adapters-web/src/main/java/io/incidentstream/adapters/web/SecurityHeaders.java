package io.incidentstream.adapters.web;

import org.eclipse.jetty.http.HttpFields;

/**
 * Headers that make the board safe to open on a shared screen: every asset comes from this server,
 * scripts only from files (no inline script, no eval), and no other site may frame the page.
 */
final class SecurityHeaders {

    /**
     * {@code connect-src 'self'} covers {@code ws:} and {@code wss:} to this host (CSP level 3), which is
     * all the page connects to: {@code /ws} and the read API. No {@code 'unsafe-inline'} anywhere, so
     * even an incident title that slipped into markup could not run or style anything.
     */
    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {}

    static void addTo(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        // Tokens may sit in the page's URL (?access_token=): never send it to another site.
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
    }
}
