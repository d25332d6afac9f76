package io.incidentstream.benchmarks.micro;

import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The filters subscribers typically send, as the benchmarks use them. */
public enum TypicalFilters {

    /** An on-call dashboard: urgent incidents of one team in production. */
    SEVERITIES_LABELS {
        @Override
        public Filter filter() {
            return new Filter(
                    List.of(),
                    List.of(Severity.P0, Severity.P1),
                    List.of(),
                    List.of(),
                    List.of(),
                    Map.of("team", "payments", "env", "prod"),
                    List.of());
        }
    },
    /** A war-room view following a few incidents. */
    INCIDENT_IDS {
        @Override
        public Filter filter() {
            return new Filter(
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    Map.of(),
                    List.of(
                            UUID.fromString("0b7e36f4-2d6c-4d3c-9d54-0a3c1d2e3f40"),
                            Samples.INCIDENT_ID,
                            UUID.fromString("6a1f0c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3")));
        }
    },
    /** An automation bot that reacts to the incident lifecycle. */
    EVENT_TYPES {
        @Override
        public Filter filter() {
            return new Filter(
                    List.of(
                            EventType.INCIDENT_CREATED,
                            EventType.INCIDENT_UPDATED,
                            EventType.INCIDENT_RESOLVED,
                            EventType.ESCALATED),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    Map.of(),
                    List.of());
        }
    };

    public abstract Filter filter();
}
