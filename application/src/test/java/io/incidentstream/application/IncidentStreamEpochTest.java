package io.incidentstream.application;

import static io.incidentstream.application.fixtures.StreamEvents.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.fakes.RecordingEncoder;
import io.incidentstream.application.fakes.RecordingMetrics;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.message.Welcome;
import io.incidentstream.application.port.in.ClientSession;
import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each in-memory stream is an epoch of its own: after a restart nobody resumes into the old one by mistake. */
class IncidentStreamEpochTest {

    private final IncidentStream before = newStream();
    private final IncidentStream after = newStream();

    private static IncidentStream newStream() {
        return new IncidentStream(
                StreamSettings.defaults(),
                new RecordingEncoder(),
                new RecordingMetrics(),
                new FakeClock(),
                IdGenerator.random());
    }

    @AfterEach
    void close() {
        before.close();
        after.close();
    }

    @Test
    void twoStreams_announceDifferentEpochs() {
        Welcome first = new RecordingChannelSession(before).welcome;
        Welcome second = new RecordingChannelSession(after).welcome;

        assertThat(first.epoch()).isNotBlank();
        assertThat(second.epoch()).isNotBlank().isNotEqualTo(first.epoch());
    }

    @Test
    void resumingIntoANewStreamWithTheOldEpoch_isNotRecovered_evenWhereTheSeqsOverlap() {
        String oldEpoch = new RecordingChannelSession(before).welcome.epoch();
        for (int i = 0; i < 5; i++) {
            before.publisher().publish(Publication.of(alert(Severity.P0)));
            after.publisher().publish(Publication.of(alert(Severity.P0)));
        }
        RecordingChannelSession client = new RecordingChannelSession(after);

        client.session.subscribe(new SubscribeCommand("all", Filter.all(), 2L, oldEpoch, false));
        Subscribed subscribed = client.channel.nextOf(Subscribed.class);
        after.publisher().publish(Publication.of(alert(Severity.P0)));

        assertThat(subscribed.recovered()).isFalse();
        assertThat(subscribed.replayed()).isZero();
        assertThat(subscribed.seq()).isEqualTo(5);
        EventMessage first = client.channel.nextOf(EventMessage.class);
        assertThat(first.event().seq()).isEqualTo(6);
        assertThat(first.replayed()).isFalse();
    }

    @Test
    void theEpochInUpperCase_isTheSameEpoch_asAnyUuidTheServerReads() {
        // docs/protocol.md: UUIDs are sent in lower case, input may use either case.
        String epoch = new RecordingChannelSession(before).welcome.epoch();
        for (int i = 0; i < 3; i++) {
            before.publisher().publish(Publication.of(alert(Severity.P0)));
        }
        RecordingChannelSession client = new RecordingChannelSession(before);

        client.session.subscribe(
                new SubscribeCommand("all", Filter.all(), 1L, epoch.toUpperCase(java.util.Locale.ROOT), false));

        Subscribed subscribed = client.channel.nextOf(Subscribed.class);
        assertThat(subscribed.recovered()).isTrue();
        assertThat(subscribed.replayed()).isEqualTo(2);
        assertThat(client.channel.nextOf(EventMessage.class).event().seq()).isEqualTo(2);
    }

    /** A session on a recording channel of a stream built by hand, with its welcome taken. */
    private static final class RecordingChannelSession {
        final RecordingChannel channel = new RecordingChannel();
        final ClientSession session;
        final Welcome welcome;

        RecordingChannelSession(IncidentStream stream) {
            session = stream.sessions().open(channel);
            welcome = channel.next(Welcome.class);
        }
    }
}
