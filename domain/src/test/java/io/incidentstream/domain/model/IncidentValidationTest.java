package io.incidentstream.domain.model;

import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentValidationTest {

    @Test
    void givenSourceOf255Characters_build_accepted() {
        assertThat(incident().source("s".repeat(255)).build().source()).hasSize(255);
    }

    @Test
    void givenEmptySource_build_refusedNamingSource() {
        assertThatThrownBy(() -> incident().source("").build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("source")
                .hasMessageContaining("1 to 255")
                .extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo("source");
    }

    @Test
    void givenSourceOf256Characters_build_refusedNamingSource() {
        assertThatThrownBy(() -> incident().source("s".repeat(256)).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("source ")
                .hasMessageContaining("was 256");
    }

    @Test
    void givenTitleOf500Characters_build_accepted() {
        assertThat(incident().title("t".repeat(500)).build().title()).hasSize(500);
    }

    @Test
    void givenTitleOf501Characters_build_refusedNamingTitle() {
        assertThatThrownBy(() -> incident().title("t".repeat(501)).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("title ")
                .hasMessageContaining("1 to 500");
    }

    @Test
    void givenTitleOfEmojis_lengthCountsCharactersNotUtf16Units() {
        String fiveHundredEmojis = "\uD83D\uDD25".repeat(500);

        assertThat(incident().title(fiveHundredEmojis).build().title()).isEqualTo(fiveHundredEmojis);
    }

    @Test
    void givenMissingTitle_build_refusedAsRequired() {
        assertThatThrownBy(() -> incident().title(null).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("title is required");
    }

    @Test
    void givenMissingRequiredFields_build_messageNamesEachWireField() {
        assertThatThrownBy(() -> incident().id(null).build()).hasMessage("id is required");
        assertThatThrownBy(() -> incident().createdAt(null).build()).hasMessage("created_at is required");
        assertThatThrownBy(() -> incident().updatedAt(null).build()).hasMessage("updated_at is required");
        assertThatThrownBy(() -> incident().state(null).build()).hasMessage("state is required");
        assertThatThrownBy(() -> incident().severity(null).build()).hasMessage("severity is required");
        assertThatThrownBy(() -> incident().type(null).build()).hasMessage("incident_type is required");
        assertThatThrownBy(() -> incident().source(null).build()).hasMessage("source is required");
    }

    @Test
    void givenNullCollectionsAndDescription_build_defaultsToEmpty() {
        Incident built = incident()
                .description(null)
                .affectedResources(null)
                .labels(null)
                .assignees(null)
                .build();

        assertThat(built.description()).isEmpty();
        assertThat(built.affectedResources()).isEmpty();
        assertThat(built.labels()).isEmpty();
        assertThat(built.assignees()).isEmpty();
        assertThat(built.relatedIncidents()).isEmpty();
    }

    @Test
    void givenNullResource_build_refusedNamingAffectedResources() {
        assertThatThrownBy(() ->
                        incident().affectedResources(Arrays.asList("db", null)).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("affected_resources ");
    }

    @Test
    void givenNullLabelValue_build_refusedNamingLabels() {
        Map<String, String> labels = new HashMap<>();
        labels.put("team", null);

        assertThatThrownBy(() -> incident().labels(labels).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("labels ");
    }

    @Test
    void givenMutableInputs_build_keepsImmutableCopies() {
        List<String> resources = new ArrayList<>(List.of("db"));
        Incident built = incident().affectedResources(resources).build();

        resources.add("cache");

        assertThat(built.affectedResources()).containsExactly("db");
        assertThatThrownBy(() -> built.affectedResources().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenNonFiniteCorrelationScore_build_refusedNamingCorrelationScore() {
        Incident valid = incident().build();

        assertThatThrownBy(() -> new Incident(
                        valid.id(),
                        valid.createdAt(),
                        valid.updatedAt(),
                        valid.state(),
                        valid.severity(),
                        valid.incidentType(),
                        valid.source(),
                        valid.title(),
                        valid.description(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Double.NaN))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("correlation_score ");
    }
}
