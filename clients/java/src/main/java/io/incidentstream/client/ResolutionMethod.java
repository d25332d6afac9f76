package io.incidentstream.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an incident was resolved. */
public enum ResolutionMethod {
    @JsonProperty("Automated")
    AUTOMATED,
    @JsonProperty("Manual")
    MANUAL,
    @JsonProperty("AutoAssistedManual")
    AUTO_ASSISTED_MANUAL
}
