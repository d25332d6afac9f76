package io.incidentstream.adapters.http;

/** {@code GET /metrics}: the scrape, in the metrics source's own media type. */
final class MetricsEndpoint {

    private final MetricsSource source;

    MetricsEndpoint(MetricsSource source) {
        this.source = source;
    }

    void metrics(Exchange exchange) {
        exchange.text(200, source.contentType(), source.scrape());
    }
}
