package io.incidentstream.application.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.routing.Recipient;
import io.incidentstream.application.routing.Registration;
import io.incidentstream.domain.filter.Filter;
import org.junit.jupiter.api.Test;

/** A session's subscriptions by id, whether it holds none, one or several. */
class SubscriptionsTest {

    private final Recipient recipient = new Recipient((event, ids) -> {});
    private final Subscriptions subscriptions = new Subscriptions();

    private Registration registration(String id) {
        return new Registration(recipient, id, Filter.all(), 0);
    }

    @Test
    void one_isFoundByItsId_andReplacedUnderIt() {
        Registration first = registration("a");
        Registration replacement = registration("a");

        subscriptions.put("a", first);
        assertThat(subscriptions.get("a")).isSameAs(first);
        assertThat(subscriptions.get("b")).isNull();
        subscriptions.put("a", replacement);

        assertThat(subscriptions.size()).isEqualTo(1);
        assertThat(subscriptions.all()).containsExactly(replacement);
    }

    @Test
    void several_areEachFound_andRemovedOneByOne() {
        Registration a = registration("a");
        Registration b = registration("b");
        Registration c = registration("c");
        subscriptions.put("a", a);
        subscriptions.put("b", b);
        subscriptions.put("c", c);

        assertThat(subscriptions.size()).isEqualTo(3);
        assertThat(subscriptions.all()).containsExactlyInAnyOrder(a, b, c);
        assertThat(subscriptions.remove("b")).isSameAs(b);
        assertThat(subscriptions.remove("b")).isNull();
        assertThat(subscriptions.get("a")).isSameAs(a);
        assertThat(subscriptions.size()).isEqualTo(2);
    }

    @Test
    void removingTheOnlyOne_leavesNone_andAnUnknownIdRemovesNothing() {
        Registration a = registration("a");
        subscriptions.put("a", a);

        assertThat(subscriptions.remove("x")).isNull();
        assertThat(subscriptions.remove("a")).isSameAs(a);

        assertThat(subscriptions.size()).isZero();
        assertThat(subscriptions.all()).isEmpty();
    }

    @Test
    void all_isACopy_thatMayBeWalkedWhileReplacing() {
        subscriptions.put("a", registration("a"));
        subscriptions.put("b", registration("b"));

        for (Registration old : subscriptions.all()) {
            subscriptions.put(old.subscriptionId(), registration(old.subscriptionId()));
        }

        assertThat(subscriptions.size()).isEqualTo(2);
    }

    @Test
    void clear_forgetsEverything() {
        subscriptions.put("a", registration("a"));
        subscriptions.put("b", registration("b"));

        subscriptions.clear();

        assertThat(subscriptions.size()).isZero();
        assertThat(subscriptions.get("a")).isNull();
    }
}
