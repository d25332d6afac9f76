package io.incidentstream.benchmarks.load;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The server a load program talks to, and how each one is spoken to: incident-stream (subscribe
 * message on {@code /ws}, publish to {@code /api/v1/events}), the bare Jetty echo server (same
 * subscribe message, echoed back), or nginx + nchan (one channel per severity: subscribe to
 * {@code /sub/P0,P1} multiplexed, publish to {@code /pub/P1}).
 */
public record Target(Kind kind, String host, int port) {

    /** Which server. */
    public enum Kind {
        OURS,
        ECHO,
        NCHAN
    }

    /**
     * The subscribers' severity filters, in rotation: each includes P0 and P1, so every event of the
     * fan-out workload (P0 or P1) reaches every subscriber, as the peer's channels would deliver it.
     */
    private static final List<List<String>> SEVERITY_MIX = List.of(
            List.of("P0", "P1"),
            List.of("P0", "P1", "P2"),
            List.of("P0", "P1", "P2", "P3"),
            List.of("P0", "P1", "P2", "P3", "P4"));

    public static List<String> severitiesFor(int subscriber) {
        return SEVERITY_MIX.get(subscriber % SEVERITY_MIX.size());
    }

    public static Target parse(Args args) {
        Kind kind = Kind.valueOf(args.text("target", "ours").toUpperCase(Locale.ROOT));
        return new Target(kind, args.text("host", "127.0.0.1"), args.integer("port", 8080));
    }

    public String label() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public URI subscribeUri(List<String> severities) {
        switch (kind) {
            case OURS:
                return URI.create("ws://" + host + ":" + port + "/ws");
            case ECHO:
                return URI.create("ws://" + host + ":" + port + "/echo");
            default:
                return URI.create("ws://" + host + ":" + port + "/sub/" + String.join(",", severities));
        }
    }

    /** The Server-Sent Events stream of one subscriber (ours only): the filter in the query, as /sse takes it. */
    public URI sseUri(String subscriptionId, List<String> severities) {
        if (kind != Kind.OURS) {
            throw new IllegalArgumentException("--transport sse needs --target ours");
        }
        return URI.create("http://" + host + ":" + port + "/sse?subscription_id=" + subscriptionId + "&severities="
                + String.join(",", severities));
    }

    /** The message that makes the subscription, or null when the URI alone does (nchan). */
    public String subscribeMessage(String subscriptionId, List<String> severities) {
        if (kind == Kind.NCHAN) {
            return null;
        }
        return "{\"type\":\"subscribe\",\"subscription_id\":\"" + subscriptionId + "\",\"filters\":{\"severities\":[\""
                + String.join("\",\"", severities) + "\"]}}";
    }

    /** Whether {@code text} confirms the subscription (ours: {@code subscribed}; echo: the message itself). */
    public boolean confirms(String text) {
        if (kind == Kind.OURS) {
            return text.startsWith("{\"type\":\"subscribed\"");
        }
        return text.startsWith("{\"type\":\"subscribe\"");
    }

    /** Where an event of {@code severity} is published. */
    public URI publishUri(String severity) {
        if (kind == Kind.NCHAN) {
            return URI.create("http://" + host + ":" + port + "/pub/" + severity);
        }
        return URI.create("http://" + host + ":" + port + "/api/v1/events");
    }

    public URI readyUri() {
        return URI.create("http://" + host + ":" + port + (kind == Kind.OURS ? "/health/ready" : "/"));
    }
}
