package io.incidentstream.application;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static io.incidentstream.domain.fixtures.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.SequentialIds;
import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.message.ErrorMessage;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.message.Unsubscribed;
import io.incidentstream.application.message.Welcome;
import io.incidentstream.application.port.in.PublishResult.Accepted;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client's conversation with the stream, in process: welcome, subscribe, events, unsubscribe. */
class IncidentStreamSessionTest {

    private final TestStream stream = new TestStream();

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void welcome_isFirst_withEpochAndLastSeq() {
        stream.publish(systemEvent());
        stream.publish(systemEvent());

        Client client = stream.connect();

        Welcome welcome = client.welcome();
        assertThat(client.channel().messages().get(0)).isSameAs(welcome);
        assertThat(welcome.epoch()).isEqualTo(SequentialIds.nth(1).toString());
        assertThat(welcome.seq()).isEqualTo(2);
        assertThat(welcome.sessionId()).isEqualTo(client.session().id());
        assertThat(welcome.serverTime()).isEqualTo(FakeClock.START);
        assertThat(welcome.heartbeatIntervalSecs()).isEqualTo(30);
        assertThat(welcome.version()).isEqualTo("dev");
    }

    @Test
    void subscribe_repliesSubscribed_withTheLastSeqBeforeItWentLive() {
        Client client = stream.connect();
        stream.publish(systemEvent());
        stream.publish(systemEvent());
        Filter p0 = filter().severities(Severity.P0).build();

        Subscribed subscribed = client.subscribe("s1", p0);

        assertThat(subscribed).isEqualTo(new Subscribed("s1", p0, 2, null, null));
    }

    @Test
    void publish_reachesTheSubscriber_asAnEventMessageWithItsSubscriptionId() {
        Client client = stream.connect();
        client.subscribe("p0", filter().severities(Severity.P0).build());
        Incident p0 = incident().severity(Severity.P0).build();

        Accepted accepted = (Accepted) stream.publish(new IncidentCreated(p0));

        EventMessage message = client.channel().next(EventMessage.class);
        assertThat(message.subscriptionIds()).containsExactly("p0");
        assertThat(message.event().event()).isEqualTo(new IncidentCreated(p0));
        assertThat(message.event().messageId())
                .isEqualTo(accepted.receipts().get(0).messageId());
        assertThat(message.event().seq()).isEqualTo(1);
        assertThat(message.event().priority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void sessionWithTwoMatchingSubscriptions_receivesTheEventOnce_withBothIds() {
        Client client = stream.connect();
        client.subscribe("all", Filter.all());
        client.subscribe("p0", filter().severities(Severity.P0).build());

        stream.publish(new IncidentCreated(incident().severity(Severity.P0).build()));
        client.barrier();

        assertThat(client.channel().messages(EventMessage.class))
                .singleElement()
                .satisfies(m -> assertThat(m.subscriptionIds()).containsExactlyInAnyOrder("all", "p0"));
    }

    @Test
    void sessionWhoseFiltersDoNotMatch_receivesNothing() {
        Client client = stream.connect();
        client.subscribe("p0", filter().severities(Severity.P0).build());

        stream.publish(new IncidentCreated(incident().severity(Severity.P3).build()));
        stream.publish(systemEvent());
        client.barrier();

        assertThat(client.channel().messages(EventMessage.class)).isEmpty();
    }

    @Test
    void unsubscribe_repliesUnsubscribed_andStopsTheEvents() {
        Client client = stream.connect();
        client.subscribe("all", Filter.all());

        client.session().unsubscribe("all");
        assertThat(client.channel().next(Unsubscribed.class)).isEqualTo(new Unsubscribed("all"));
        stream.publish(systemEvent());
        client.barrier();

        assertThat(client.channel().messages(EventMessage.class)).isEmpty();
    }

    @Test
    void unsubscribeOfUnknownId_repliesNotFound_namingTheSubscription() {
        Client client = stream.connect();

        client.session().unsubscribe("nope");

        ErrorMessage error = client.channel().next(ErrorMessage.class);
        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(error.subscriptionId()).isEqualTo("nope");
        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void resubscribeWithTheSameId_replacesTheFilter() {
        Client client = stream.connect();
        client.subscribe("s", filter().severities(Severity.P0).build());

        client.subscribe("s", filter().severities(Severity.P3).build());
        stream.publish(new IncidentCreated(incident().severity(Severity.P0).build()));
        stream.publish(new IncidentCreated(incident().severity(Severity.P3).build()));
        client.barrier();

        assertThat(client.channel().messages(EventMessage.class))
                .extracting(m -> m.event().seq())
                .containsExactly(2L);
        assertThat(stream.stream.statistics().statistics().activeSubscriptions())
                .isEqualTo(1);
    }

    private static SystemEvent systemEvent() {
        return new SystemEvent("deploy", "v2", Map.of());
    }
}
