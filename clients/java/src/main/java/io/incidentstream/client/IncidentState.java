package io.incidentstream.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an incident stands; the first four are active. The JSON spellings are the server's. */
public enum IncidentState {
    @JsonProperty("Detected")
    DETECTED,
    @JsonProperty("Triaged")
    TRIAGED,
    @JsonProperty("Investigating")
    INVESTIGATING,
    @JsonProperty("Remediating")
    REMEDIATING,
    @JsonProperty("Resolved")
    RESOLVED,
    @JsonProperty("Closed")
    CLOSED
}
