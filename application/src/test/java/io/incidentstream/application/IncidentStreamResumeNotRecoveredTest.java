package io.incidentstream.application;

import static io.incidentstream.application.fixtures.StreamEvents.alert;
import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Snapshot;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A resume that cannot be exact: recovered false, nothing replayed, live from S (no snapshot unless asked). */
class IncidentStreamResumeNotRecoveredTest {

    private static final Filter P0 = filter().severities(Severity.P0).build();

    private final TestStream stream = new TestStream(
            StreamSettings.defaults().toBuilder().historyCapacity(3).build());

    @AfterEach
    void close() {
        stream.close();
    }

    private void publishFiveP0() {
        for (int i = 0; i < 5; i++) {
            stream.publishAccepted(alert(Severity.P0));
        }
    }

    @ParameterizedTest(name = "resume {0}")
    @CsvSource({
        "in another epoch,                       3, false",
        "from before what is retained,           1, true",
        "from a seq the stream has not reached, 99, true"
    })
    void resumeThatCannotBeExact_isNotRecovered_andGoesLiveFromS(String what, long afterSeq, boolean sameEpoch) {
        publishFiveP0();
        Client client = stream.connect();

        Subscribed subscribed = client.resume("p0", P0, afterSeq, sameEpoch ? stream.epoch() : "another-epoch");

        stream.publishAccepted(alert(Severity.P0));
        client.barrier();
        assertThat(subscribed.seq()).isEqualTo(5);
        assertThat(subscribed.recovered()).isFalse();
        assertThat(subscribed.replayed()).isZero();
        assertThat(client.channel().messages(EventMessage.class))
                .extracting(m -> m.event().seq(), EventMessage::replayed)
                .containsExactly(tuple(6L, false));
        assertThat(client.channel().messages(Snapshot.class))
                .as("no snapshot unless asked")
                .isEmpty();
    }

    @Test
    void resumeFromJustBeforeTheOldestRetainedEvent_isStillRecovered() {
        publishFiveP0();
        Client client = stream.connect();

        Subscribed subscribed = client.resume("p0", P0, 2, stream.epoch());
        client.barrier();

        assertThat(subscribed.recovered()).isTrue();
        assertThat(subscribed.replayed()).isEqualTo(3);
        assertThat(client.eventSeqs()).containsExactly(3L, 4L, 5L);
    }
}
