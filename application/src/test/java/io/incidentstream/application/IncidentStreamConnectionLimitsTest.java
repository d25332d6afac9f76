package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.port.in.ConnectionGate;
import io.incidentstream.application.port.in.ConnectionGate.Entered;
import io.incidentstream.application.port.in.ConnectionGate.Entry;
import io.incidentstream.application.port.in.ConnectionGate.Reason;
import io.incidentstream.application.port.in.ConnectionGate.Refused;
import io.incidentstream.application.settings.StreamSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections are bounded in total and per client address; the one too many is refused before upgrading. */
class IncidentStreamConnectionLimitsTest {

    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";
    private static final String C = "10.0.0.3";

    private final TestStream stream = new TestStream(StreamSettings.defaults().toBuilder()
            .maxConnections(3)
            .maxConnectionsPerAddress(2)
            .build());
    private final ConnectionGate gate = stream.stream.connections();

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void connectionsUpToTheTotal_areLetIn() {
        assertThat(gate.enter(A, "ws")).isInstanceOf(Entered.class);
        assertThat(gate.enter(B, "ws")).isInstanceOf(Entered.class);
        assertThat(gate.enter(C, "ws")).isInstanceOf(Entered.class);
    }

    @Test
    void connectionsFromOneAddress_shareOneInstanceOfIt_untilTheLastEnds() {
        Entered first = (Entered) gate.enter(new String(A), "ws");
        Entered second = (Entered) gate.enter(new String(A), "ws");

        assertThat(first.address()).isEqualTo(A).isSameAs(second.address());
        first.release().run();
        second.release().run();
        String later = new String(A);
        assertThat(((Entered) gate.enter(later, "ws")).address()).isSameAs(later);
    }

    @Test
    void connectionBeyondTheTotal_isRefusedServerFull() {
        gate.enter(A, "ws");
        gate.enter(B, "ws");
        gate.enter(C, "ws");

        assertThat(reasonOf(gate.enter("10.0.0.4", "ws"))).isEqualTo(Reason.SERVER_FULL);
    }

    @Test
    void connectionBeyondTheAddressLimit_isRefusedAddressFull_whileOtherAddressesAreLetIn() {
        gate.enter(A, "ws");
        gate.enter(A, "ws");

        assertThat(reasonOf(gate.enter(A, "ws"))).isEqualTo(Reason.ADDRESS_FULL);
        assertThat(gate.enter(B, "ws")).isInstanceOf(Entered.class);
    }

    @Test
    void refusalByAddress_takesNoPlaceFromTheTotal() {
        gate.enter(A, "ws");
        gate.enter(A, "ws");
        gate.enter(A, "ws");
        gate.enter(A, "ws");

        assertThat(gate.enter(B, "ws")).isInstanceOf(Entered.class);
        assertThat(reasonOf(gate.enter(C, "ws"))).isEqualTo(Reason.SERVER_FULL);
    }

    @Test
    void release_freesThePlace_inTotalAndForTheAddress() {
        Entered first = (Entered) gate.enter(A, "ws");
        gate.enter(A, "ws");
        gate.enter(B, "ws");

        first.release().run();

        assertThat(gate.enter(A, "ws")).isInstanceOf(Entered.class);
        assertThat(reasonOf(gate.enter(C, "ws"))).isEqualTo(Reason.SERVER_FULL);
    }

    @Test
    void releasingTwice_freesOnlyOnePlace() {
        Entered first = (Entered) gate.enter(A, "ws");
        gate.enter(A, "ws");

        first.release().run();
        first.release().run();

        assertThat(gate.enter(A, "ws")).isInstanceOf(Entered.class);
        assertThat(reasonOf(gate.enter(A, "ws"))).isEqualTo(Reason.ADDRESS_FULL);
        assertThat(gate.enter(B, "ws")).isInstanceOf(Entered.class);
        assertThat(reasonOf(gate.enter(C, "ws"))).isEqualTo(Reason.SERVER_FULL);
    }

    @Test
    void releasingEveryConnection_letsTheAddressConnectAgainInFull() {
        Entered first = (Entered) gate.enter(A, "ws");
        Entered second = (Entered) gate.enter(A, "ws");
        first.release().run();
        second.release().run();

        assertThat(gate.enter(A, "ws")).isInstanceOf(Entered.class);
        assertThat(gate.enter(A, "ws")).isInstanceOf(Entered.class);
    }

    @Test
    void afterShutdown_connectionsAreRefusedShuttingDown() {
        stream.stream.lifecycle().shutdown(Duration.ZERO);

        assertThat(reasonOf(gate.enter(A, "ws"))).isEqualTo(Reason.SHUTTING_DOWN);
    }

    @Test
    void refusals_carryAMessage() {
        gate.enter(A, "ws");
        gate.enter(A, "ws");

        assertThat(((Refused) gate.enter(A, "ws")).message()).contains(A).contains("2");
    }

    @Test
    void refusedUpgrades_areCountedByReason() {
        gate.enter(A, "ws");
        gate.enter(A, "ws");
        gate.enter(A, "ws");
        gate.enter(B, "ws");
        gate.enter(C, "ws");
        stream.stream.lifecycle().shutdown(Duration.ZERO);
        gate.enter(B, "ws");

        assertThat(stream.metrics.count("upgradeRefused:address_full")).isEqualTo(1);
        assertThat(stream.metrics.count("upgradeRefused:server_full")).isEqualTo(1);
        assertThat(stream.metrics.count("upgradeRefused:shutting_down")).isEqualTo(1);
        assertThat(stream.metrics.count("upgradeRefused")).isEqualTo(3);
    }

    @Test
    void connectionsTheAdapterTurnedAway_areCountedWithTheRefusals_byReason() {
        gate.denied(ConnectionGate.Denial.UNAUTHENTICATED, "ws");
        gate.denied(ConnectionGate.Denial.UNAUTHENTICATED, "ws");
        gate.denied(ConnectionGate.Denial.ORIGIN_NOT_ALLOWED, "ws");

        assertThat(stream.metrics.count("upgradeRefused:unauthenticated")).isEqualTo(2);
        assertThat(stream.metrics.count("upgradeRefused:origin_not_allowed")).isEqualTo(1);
        assertThat(gate.enter(A, "ws")).as("a denial takes no place").isInstanceOf(Entered.class);
    }

    @Test
    void refusals_areLabelledWithTheTransportAsked_whileBothShareThePlaces() {
        gate.enter(A, "ws");
        gate.enter(A, "sse");
        gate.enter(A, "sse");
        gate.enter(A, "ws");
        gate.denied(ConnectionGate.Denial.UNAUTHENTICATED, "sse");

        assertThat(stream.metrics.count("upgradeRefused:address_full:sse")).isEqualTo(1);
        assertThat(stream.metrics.count("upgradeRefused:address_full:ws")).isEqualTo(1);
        assertThat(stream.metrics.count("upgradeRefused:unauthenticated:sse")).isEqualTo(1);
        assertThat(stream.metrics.count("upgradeRefused:unauthenticated:ws")).isZero();
    }

    @Test
    void admittedConnections_areNotCountedAsRefused() {
        gate.enter(A, "ws");
        gate.enter(B, "ws");

        assertThat(stream.metrics.count("upgradeRefused")).isZero();
    }

    private static Reason reasonOf(Entry entry) {
        assertThat(entry).isInstanceOf(Refused.class);
        return ((Refused) entry).reason();
    }
}
