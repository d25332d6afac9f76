package io.incidentstream.domain.model;

import static io.incidentstream.domain.fixtures.TestIncidents.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertValidationTest {

    @Test
    void givenDefaults_build_optionalFieldsAreNullOrEmpty() {
        Alert built = alert().build();

        assertThat(built.incidentId()).isNull();
        assertThat(built.runbookUrl()).isNull();
        assertThat(built.annotations()).isEmpty();
        assertThat(built.parentAlertId()).isNull();
    }

    @Test
    void givenSourceOf256Characters_build_refusedNamingSource() {
        assertThatThrownBy(() -> alert().source("a".repeat(256)).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("source ");
    }

    @Test
    void givenEmptyTitle_build_refusedNamingTitle() {
        assertThatThrownBy(() -> alert().title("").build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("title ");
    }

    @Test
    void givenMissingAlertType_build_refusedNamingAlertType() {
        assertThatThrownBy(() -> alert().alertType(null).build()).hasMessage("alert_type is required");
    }

    @Test
    void givenMissingTimestampOrSeverity_build_refusedNamingTheField() {
        assertThatThrownBy(() -> alert().timestamp(null).build()).hasMessage("timestamp is required");
        assertThatThrownBy(() -> alert().severity(null).build()).hasMessage("severity is required");
    }

    @Test
    void givenNullExternalId_build_becomesEmpty() {
        assertThat(alert().externalId(null).build().externalId()).isEmpty();
    }
}
