package io.incidentstream.bootstrap.config;

import java.time.Duration;

/**
 * History and incidents (settings group of that name).
 *
 * @param capacity                {@code history_capacity}
 * @param ttl                     {@code history_ttl_secs}
 * @param maxIncidents            {@code max_incidents}
 * @param closedIncidentRetention {@code closed_incident_retention_secs}
 * @param snapshotPageSize        {@code snapshot_page_size}
 */
public record HistoryConfig(
        int capacity, Duration ttl, int maxIncidents, Duration closedIncidentRetention, int snapshotPageSize) {}
