package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.port.in.ConnectionGate;
import io.incidentstream.application.port.in.ConnectionGate.Admission;
import io.incidentstream.application.port.in.ConnectionGate.Admitted;
import io.incidentstream.application.port.in.ConnectionGate.Reason;
import io.incidentstream.application.port.in.ConnectionGate.Refused;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections are bounded in total and per client address; the one too many is refused before upgrading. */
class IncidentStreamConnectionLimitsTest {

    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";
    private static final String C = "10.0.0.3";

    private final TestStream stream = new TestStream(StreamSettings.defaults().toBuilder()
            .maxConnections(3).maxConnectionsPerAddress(2).build());
    private final ConnectionGate gate = stream.stream.connections();

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void connectionsUpToTheTotal_areAdmitted() {
        assertThat(gate.admit(A)).isInstanceOf(Admitted.class);
        assertThat(gate.admit(B)).isInstanceOf(Admitted.class);
        assertThat(gate.admit(C)).isInstanceOf(Admitted.class);
    }

    @Test
    void connectionsFromOneAddress_shareOneInstanceOfIt_untilTheLastEnds() {
        Admitted first = (Admitted) gate.admit(new String(A));
        Admitted second = (Admitted) gate.admit(new String(A));

        assertThat(first.address()).isEqualTo(A).isSameAs(second.address());
        first.release().run();
        second.release().run();
        String later = new String(A);
        assertThat(((Admitted) gate.admit(later)).address()).isSameAs(later);
    }

    @Test
    void connectionBeyondTheTotal_isRefusedServerFull() {
        gate.admit(A);
        gate.admit(B);
        gate.admit(C);

        assertThat(reasonOf(gate.admit("10.0.0.4"))).isEqualTo(Reason.SERVER_FULL);
    }

    @Test
    void connectionBeyondTheAddressLimit_isRefusedAddressFull_whileOtherAddressesAreAdmitted() {
        gate.admit(A);
        gate.admit(A);

        assertThat(reasonOf(gate.admit(A))).isEqualTo(Reason.ADDRESS_FULL);
        assertThat(gate.admit(B)).isInstanceOf(Admitted.class);
    }

    @Test
    void refusalByAddress_takesNoPlaceFromTheTotal() {
        gate.admit(A);
        gate.admit(A);
        gate.admit(A);
        gate.admit(A);

        assertThat(gate.admit(B)).isInstanceOf(Admitted.class);
        assertThat(reasonOf(gate.admit(C))).isEqualTo(Reason.SERVER_FULL);
    }

    @Test
    void release_freesThePlace_inTotalAndForTheAddress() {
        Admitted first = (Admitted) gate.admit(A);
        gate.admit(A);
        gate.admit(B);

        first.release().run();

        assertThat(gate.admit(A)).isInstanceOf(Admitted.class);
        assertThat(reasonOf(gate.admit(C))).isEqualTo(Reason.SERVER_FULL);
    }

    @Test
    void releasingTwice_freesOnlyOnePlace() {
        Admitted first = (Admitted) gate.admit(A);
        gate.admit(A);

        first.release().run();
        first.release().run();

        assertThat(gate.admit(A)).isInstanceOf(Admitted.class);
        assertThat(reasonOf(gate.admit(A))).isEqualTo(Reason.ADDRESS_FULL);
        assertThat(gate.admit(B)).isInstanceOf(Admitted.class);
        assertThat(reasonOf(gate.admit(C))).isEqualTo(Reason.SERVER_FULL);
    }

    @Test
    void releasingEveryConnection_letsTheAddressConnectAgainInFull() {
        Admitted first = (Admitted) gate.admit(A);
        Admitted second = (Admitted) gate.admit(A);
        first.release().run();
        second.release().run();

        assertThat(gate.admit(A)).isInstanceOf(Admitted.class);
        assertThat(gate.admit(A)).isInstanceOf(Admitted.class);
    }

    @Test
    void afterShutdown_connectionsAreRefusedShuttingDown() {
        stream.stream.lifecycle().shutdown(Duration.ZERO);

        assertThat(reasonOf(gate.admit(A))).isEqualTo(Reason.SHUTTING_DOWN);
    }

    @Test
    void refusals_carryAMessage() {
        gate.admit(A);
        gate.admit(A);

        assertThat(((Refused) gate.admit(A)).message()).contains(A).contains("2");
    }

    @Test
    void refusedUpgrades_areCountedByReason() {
        gate.admit(A);
        gate.admit(A);
        gate.admit(A);
        gate.admit(B);
        gate.admit(C);
        stream.stream.lifecycle().shutdown(Duration.ZERO);
        gate.admit(B);

        assertThat(stream.metrics.count("upgradeRefused:address_full")).isEqualTo(1);
        assertThat(stream.metrics.count("upgradeRefused:server_full")).isEqualTo(1);
        assertThat(stream.metrics.count("upgradeRefused:shutting_down")).isEqualTo(1);
        assertThat(stream.metrics.count("upgradeRefused")).isEqualTo(3);
    }

    @Test
    void connectionsTheAdapterTurnedAway_areCountedWithTheRefusals_byReason() {
        gate.denied(ConnectionGate.Denial.UNAUTHENTICATED);
        gate.denied(ConnectionGate.Denial.UNAUTHENTICATED);
        gate.denied(ConnectionGate.Denial.ORIGIN_NOT_ALLOWED);

        assertThat(stream.metrics.count("upgradeRefused:unauthenticated")).isEqualTo(2);
        assertThat(stream.metrics.count("upgradeRefused:origin_not_allowed")).isEqualTo(1);
        assertThat(gate.admit(A)).as("a denial takes no place").isInstanceOf(Admitted.class);
    }

    @Test
    void admittedConnections_areNotCountedAsRefused() {
        gate.admit(A);
        gate.admit(B);

        assertThat(stream.metrics.count("upgradeRefused")).isZero();
    }

    private static Reason reasonOf(Admission admission) {
        assertThat(admission).isInstanceOf(Refused.class);
        return ((Refused) admission).reason();
    }
}
