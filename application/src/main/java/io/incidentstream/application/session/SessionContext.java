package io.incidentstream.application.session;

import io.incidentstream.application.StreamSettings;
import io.incidentstream.application.admission.Dispatcher;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.application.routing.SubscriptionIndex;
import io.incidentstream.application.stats.StreamStatistics;
import java.time.Clock;

/** What every session shares: the stream's settings, its dispatcher and index, and its reporting. */
record SessionContext(StreamSettings settings, Dispatcher dispatcher, SubscriptionIndex index, EventEncoder encoder,
                      StreamStatistics statistics, Clock clock, SessionRegistry registry) {
}
