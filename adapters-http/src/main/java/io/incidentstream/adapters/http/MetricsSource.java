package io.incidentstream.adapters.http;

/**
 * Where {@code GET /metrics} gets its text. Bootstrap adapts the metrics registry to it, so that
 * this adapter never sees the metrics adapter. {@link #scrape()} must not block on I/O.
 */
public interface MetricsSource {

    /** The media type of the scrape, e.g. Prometheus' {@code text/plain; version=0.0.4; charset=utf-8}. */
    String contentType();

    /** The current metrics, in that media type. */
    String scrape();
}
