package io.incidentstream.application.routing;

import static io.incidentstream.application.fixtures.TestAdmittedEvents.admitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A registration is live only for events after its {@code liveAfterSeq}. */
class EventRouterLiveAfterSeqTest {

    private final SubscriptionIndex index = new SubscriptionIndex();
    private final EventRouter router = new EventRouter(index);
    private final List<Long> delivered = new ArrayList<>();

    @Test
    void eventsUpToLiveAfterSeq_areNotRouted_laterOnesAre() {
        index.add(new Registration(new Recipient((event, ids) -> delivered.add(event.seq())), "all", Filter.all(), 5));

        for (long seq = 4; seq <= 7; seq++) {
            router.route(admitted(seq, Priority.NORMAL));
        }

        assertThat(delivered).containsExactly(6L, 7L);
    }

    @Test
    void sessionWithAnOlderAndANewerSubscription_getsTheEventForTheOlderOneOnly() {
        List<List<String>> ids = new ArrayList<>();
        Recipient session = new Recipient((event, subscriptionIds) -> ids.add(subscriptionIds));
        index.add(new Registration(session, "old", Filter.all(), 0));
        index.add(new Registration(session, "new", Filter.all(), 5));

        AdmittedEvent fifth = admitted(5, Priority.NORMAL);
        router.route(fifth);
        router.route(admitted(6, Priority.NORMAL));

        assertThat(ids).hasSize(2);
        assertThat(ids.get(0)).containsExactly("old");
        assertThat(ids.get(1)).containsExactlyInAnyOrder("old", "new");
    }
}
