package io.incidentstream.application;

import static io.incidentstream.domain.fixtures.TestFilters.filter;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.ErrorCode;
import io.incidentstream.application.message.ErrorMessage;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.domain.filter.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subscriptions per session and values per filter list are bounded; breaking a bound is a reply, not a close. */
class IncidentStreamLimitsTest {

    private final TestStream stream = new TestStream(StreamSettings.defaults().toBuilder()
            .maxSubscriptionsPerSession(2)
            .maxFilterValues(3)
            .version("test")
            .build());

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void subscriptionBeyondTheLimit_isRefusedWithSubscriptionLimit() {
        Client client = stream.connect();
        client.subscribe("a", Filter.all());
        client.subscribe("b", Filter.all());

        client.session().subscribe(new SubscribeCommand("c", Filter.all()));

        ErrorMessage error = client.channel().next(ErrorMessage.class);
        assertThat(error.code()).isEqualTo(ErrorCode.SUBSCRIPTION_LIMIT);
        assertThat(error.subscriptionId()).isEqualTo("c");
        assertThat(error.message()).contains("2");
        assertThat(client.channel().isClosed()).isFalse();
    }

    @Test
    void replacingASubscription_atTheLimit_isAllowed() {
        Client client = stream.connect();
        client.subscribe("a", Filter.all());
        client.subscribe("b", Filter.all());

        Subscribed replaced =
                client.subscribe("b", filter().sources("prometheus").build());

        assertThat(replaced.subscriptionId()).isEqualTo("b");
    }

    @Test
    void filterListLongerThanAllowed_isRefusedWithSubscriptionLimit() {
        Client client = stream.connect();

        client.session()
                .subscribe(new SubscribeCommand(
                        "big", filter().sources("a", "b", "c", "d").build()));

        ErrorMessage error = client.channel().next(ErrorMessage.class);
        assertThat(error.code()).isEqualTo(ErrorCode.SUBSCRIPTION_LIMIT);
        assertThat(error.subscriptionId()).isEqualTo("big");
        assertThat(stream.stream.statistics().statistics().activeSubscriptions())
                .isZero();
    }

    @Test
    void filterListOfExactlyTheLimit_isAccepted() {
        Client client = stream.connect();

        assertThat(client.subscribe("ok", filter().sources("a", "b", "c").build())
                        .subscriptionId())
                .isEqualTo("ok");
    }
}
