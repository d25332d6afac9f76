package io.incidentstream.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An incident's {@code incident_type}, and an alert's {@code alert_type}. */
public enum IncidentType {
    @JsonProperty("Infrastructure")
    INFRASTRUCTURE,
    @JsonProperty("Application")
    APPLICATION,
    @JsonProperty("Security")
    SECURITY,
    @JsonProperty("Data")
    DATA,
    @JsonProperty("Performance")
    PERFORMANCE,
    @JsonProperty("Availability")
    AVAILABILITY,
    @JsonProperty("Compliance")
    COMPLIANCE,
    @JsonProperty("Unknown")
    UNKNOWN
}
