package io.incidentstream.application.session;

import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Snapshot;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.application.port.out.EventHistory;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Incident;
import java.util.List;

/**
 * Where a new subscription joins the stream: S, the last seq before it went live, and what it is
 * owed from before S: the retained matching events after {@code since} (when the client resumes in
 * the current epoch and the range is still retained), or else a snapshot of matching incidents as
 * of S (when asked for). Planned on the dispatcher thread, so nothing is routed meanwhile. A client
 * that resumes from further on in the current epoch than this node of a cluster has read goes live
 * after its {@code since}: S is then {@code since}, ahead of the node's own last seq.
 *
 * @param recovered null unless resuming
 * @param replayed  null unless resuming
 * @param owed      messages to send after {@code subscribed} and before any live event; may be null
 */
record LiveStart(long seq, Boolean recovered, Long replayed, Outbox.Source owed) {

    /**
     * @param seesIncidents whether the subscriber's scope allows whole incidents (else snapshots are empty)
     * @param sinceAhead    whether the stream had handed out {@code since} when this node had not read it
     *                      yet ({@link io.incidentstream.application.admission.EventAdmission#aheadOfThisNode})
     */
    static LiveStart plan(SubscribeCommand command, SessionContext context, boolean seesIncidents, boolean sinceAhead) {
        // An epoch is a UUID, which clients may write in either case (docs/protocol.md).
        if (command.resuming()
                && command.epoch().equalsIgnoreCase(context.history().epoch())) {
            long seq = context.admission().lastSeq();
            if (command.since() > seq && sinceAhead) {
                // The client comes from a node that had read further: this node has yet to read the
                // events up to since, and the client holds them. It goes live after since, so they are
                // not sent again, and the events after since come as this node reads them.
                return new LiveStart(command.since(), true, 0L, null);
            }
            EventHistory.Cursor cursor = context.history().read(command.since(), seq);
            if (cursor != null) {
                long replayed = count(cursor.copy(), command.filter());
                return new LiveStart(
                        seq,
                        true,
                        replayed,
                        replayed == 0 ? null : new Replay(cursor, command.filter(), command.subscriptionId()));
            }
        }
        Boolean recovered = command.resuming() ? false : null;
        Long replayed = command.resuming() ? 0L : null;
        if (command.snapshot()) {
            int pageSize = context.settings().snapshotPageSize();
            // Admission pauses while S is read with the view, so the snapshot is exactly as of S.
            return context.admission().atomically(() -> {
                long seq = context.admission().lastSeq();
                List<Incident> incidents = seesIncidents ? context.view().incidents(command.filter()) : List.of();
                return new LiveStart(
                        seq, recovered, replayed, new Pages(command.subscriptionId(), seq, incidents, pageSize));
            });
        }
        return new LiveStart(context.admission().lastSeq(), recovered, replayed, null);
    }

    private static long count(EventHistory.Cursor cursor, Filter filter) {
        long count = 0;
        for (var event = cursor.next(); event != null; event = cursor.next()) {
            if (filter.matches(event.attributes())) {
                count++;
            }
        }
        return count;
    }

    /** The retained events that match, read from history one at a time as the writer frees. */
    private record Replay(EventHistory.Cursor cursor, Filter filter, String subscriptionId) implements Outbox.Source {
        @Override
        public ServerMessage next() {
            for (var event = cursor.next(); event != null; event = cursor.next()) {
                if (filter.matches(event.attributes())) {
                    return new EventMessage(event, List.of(subscriptionId), true);
                }
            }
            return null;
        }
    }

    /** The matching incidents as of S, a page at a time; the last page says so, even when empty. */
    private static final class Pages implements Outbox.Source {
        private final String subscriptionId;
        private final long seq;
        private final List<Incident> incidents;
        private final int pageSize;
        private int offset;
        private boolean done;

        Pages(String subscriptionId, long seq, List<Incident> incidents, int pageSize) {
            this.subscriptionId = subscriptionId;
            this.seq = seq;
            this.incidents = incidents;
            this.pageSize = pageSize;
        }

        @Override
        public ServerMessage next() {
            if (done) {
                return null;
            }
            int end = Math.min(incidents.size(), offset + pageSize);
            List<Incident> page = incidents.subList(offset, end);
            offset = end;
            done = end == incidents.size();
            return new Snapshot(subscriptionId, seq, page, done);
        }
    }
}
