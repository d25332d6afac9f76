/**
 * The HTTP API on Jetty 12 core handlers: ingest ({@code POST /api/v1/events|incidents|alerts}),
 * the read side ({@code GET /api/v1/incidents[/{id}]}, {@code /api/v1/stats}), health and metrics.
 *
 * <p>Every error is {@code {"error":{"code","message","details"}}}; the codes, all made in
 * {@link io.incidentstream.adapters.http.ApiError}, are: 400 {@code INVALID_JSON},
 * {@code INVALID_EVENT}, {@code INVALID_INCIDENT}, {@code INVALID_ALERT} (details {@code field}),
 * {@code INVALID_PARAMETER} (details {@code parameter}), {@code BAD_REQUEST},
 * {@code UPGRADE_REQUIRED}; 401 {@code UNAUTHENTICATED} (with {@code WWW-Authenticate: Bearer});
 * 403 {@code FORBIDDEN}; 404 {@code NOT_FOUND}; 405 {@code METHOD_NOT_ALLOWED} (with
 * {@code Allow}); 413 {@code PAYLOAD_TOO_LARGE}, {@code EVENT_TOO_LARGE} (details {@code index}),
 * {@code BATCH_TOO_LARGE}; 415 {@code UNSUPPORTED_MEDIA_TYPE}; 503 {@code OVERLOADED},
 * {@code SHUTTING_DOWN}, {@code ENGINE_UNAVAILABLE} (with {@code Retry-After}); 500 {@code INTERNAL_ERROR}.
 *
 * <p>Access ({@link io.incidentstream.adapters.http.AccessGuard}): credentials come from the
 * {@code Authorization: Bearer} header only. Every write needs a publisher API key when keys are
 * configured; reads can be protected ({@code protect_read_endpoints}), and are then narrowed to the
 * scope of a subscriber token. Health endpoints are never protected.
 */
package io.incidentstream.adapters.http;
