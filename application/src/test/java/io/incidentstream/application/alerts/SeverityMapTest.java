package io.incidentstream.application.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentstream.domain.model.Severity;
import org.junit.jupiter.api.Test;

/** Parsing {@code alert_severity_map}: what start-up accepts, and the message it stops with otherwise. */
class SeverityMapTest {

    @Test
    void customMap_replacesTheDefault_andIgnoresCaseAndSpaces() {
        SeverityMap map = SeverityMap.parse(" Page = P0 , ticket=P4");

        assertThat(map.severityOf("page")).isEqualTo(Severity.P0);
        assertThat(map.severityOf("TICKET")).isEqualTo(Severity.P4);
        assertThat(map.severityOf("critical")).isEqualTo(Severity.P3);
    }

    @Test
    void entryWithoutASeverity_isRefused_namingIt() {
        assertThatThrownBy(() -> SeverityMap.parse("critical=P1,warning=high"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected label=P0..P4 entries separated by commas, got 'warning=high'");
        assertThatThrownBy(() -> SeverityMap.parse("critical"))
                .hasMessage("expected label=P0..P4 entries separated by commas, got 'critical'");
        assertThatThrownBy(() -> SeverityMap.parse("=P1")).hasMessageContaining("'=P1'");
    }

    @Test
    void entryNamedAfterALevel_isRefused_sinceSuchALabelIsTakenAsItIs() {
        assertThatThrownBy(() -> SeverityMap.parse("critical=P1,P2=P4"))
                .hasMessage(
                        "'P2=P4' never applies: a severity label P2 is taken as it is; write p2=P4 for the label p2");
        assertThat(SeverityMap.parse("p2=P4").severityOf("p2")).isEqualTo(Severity.P4);
        assertThat(SeverityMap.parse("p2=P4").severityOf("P2")).isEqualTo(Severity.P2);
    }

    @Test
    void nameMappedTwice_isRefused() {
        assertThatThrownBy(() -> SeverityMap.parse("critical=P1,Critical=P0")).hasMessage("'critical' is mapped twice");
    }

    @Test
    void emptyMap_leavesOnlyP0ToP4LabelsAndTheP3Fallback() {
        SeverityMap map = SeverityMap.parse("");

        assertThat(map.severityOf("P0")).isEqualTo(Severity.P0);
        assertThat(map.severityOf("critical")).isEqualTo(Severity.P3);
    }
}
