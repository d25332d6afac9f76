package io.incidentstream.application.admission;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.application.routing.EventRouter;
import io.incidentstream.application.routing.EventSink;
import io.incidentstream.application.routing.Recipient;
import io.incidentstream.application.routing.Registration;
import io.incidentstream.application.routing.SubscriptionIndex;
import io.incidentstream.domain.filter.Filter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A dispatcher whose router hands every event to one match-all recorder, so tests can see what was admitted. */
final class RecordingRouterSink implements EventSink {

    final List<AdmittedEvent> routed = new CopyOnWriteArrayList<>();
    final Dispatcher dispatcher;

    RecordingRouterSink(int capacity) {
        SubscriptionIndex index = new SubscriptionIndex();
        index.add(new Registration(new Recipient(this), "all", Filter.all(), Long.MIN_VALUE));
        dispatcher = new Dispatcher(capacity, new EventRouter(index), StreamMetrics.NONE, Thread::new);
    }

    @Override
    public void deliver(AdmittedEvent event, List<String> subscriptionIds) {
        routed.add(event);
    }
}
