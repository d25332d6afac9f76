package io.incidentstream.application.session;

import io.incidentstream.application.admission.Dispatcher;
import io.incidentstream.application.admission.EventAdmission;
import io.incidentstream.application.port.out.EventEncoder;
import io.incidentstream.application.port.out.EventHistory;
import io.incidentstream.application.presence.PresenceService;
import io.incidentstream.application.routing.SubscriptionIndex;
import io.incidentstream.application.settings.StreamSettings;
import io.incidentstream.application.stats.StreamStatistics;
import io.incidentstream.application.view.IncidentView;
import java.time.Clock;

/**
 * What every session shares: settings, dispatcher and index, reporting, the stream's position,
 * history and view, and presence.
 *
 * @param outboxSettings the bounds, clock and writer pool of every session's outbox, held here once
 *                       rather than in each of thousands of outboxes
 */
record SessionContext(
        StreamSettings settings,
        Dispatcher dispatcher,
        SubscriptionIndex index,
        EventEncoder encoder,
        StreamStatistics statistics,
        Clock clock,
        SessionRegistry registry,
        EventAdmission admission,
        EventHistory history,
        IncidentView view,
        Outbox.Settings outboxSettings,
        PresenceService presence) {}
