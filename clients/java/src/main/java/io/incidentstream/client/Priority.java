package io.incidentstream.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What gives way first when a session falls behind; never reorders the stream. */
public enum Priority {
    @JsonProperty("low")
    LOW,
    @JsonProperty("normal")
    NORMAL,
    @JsonProperty("high")
    HIGH,
    @JsonProperty("critical")
    CRITICAL
}
