package io.incidentstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the server's messages mean for the subscriptions: each one's resume point, the subscribes in
 * flight, replays, snapshots and gaps, and the duplicates to drop. Everything here runs on the
 * client's thread; the connection itself is the {@link ReconnectLoop}'s business.
 */
final class MessageHandler {

    /** What the handler needs of the current connection. */
    interface Wire {
        /** Sends on the current connection, or nowhere if there is none. */
        void send(ObjectNode message);

        /** Whether the current connection is open and the server has welcomed it. */
        boolean welcomed();

        /** Gives up the current connection and reconnects, every subscription resuming from its position. */
        void abandon(String reason);
    }

    private final Map<String, SubscriptionState> subs = new LinkedHashMap<>();
    private final SeenSeqs seen;
    private final Listener listener;
    private final Wire wire;
    private String epoch;

    MessageHandler(List<Subscription> subscriptions, int dedupWindow, Listener listener, Wire wire) {
        this.seen = new SeenSeqs(dedupWindow);
        this.listener = listener;
        this.wire = wire;
        for (Subscription s : subscriptions) {
            subs.put(s.id(), new SubscriptionState(s));
        }
    }

    String epoch() {
        return epoch;
    }

    /** Adds or replaces a subscription, also while connected. */
    void subscribe(Subscription subscription) {
        SubscriptionState sub = new SubscriptionState(subscription);
        SubscriptionState replaced = subs.put(sub.id, sub);
        if (replaced != null) {
            // The replies to its subscribes still to come count against this one: only the latest applies.
            sub.pending = replaced.pending;
            sub.held = replaced.held;
        }
        if (wire.welcomed()) {
            sendSubscribe(sub);
        }
    }

    void unsubscribe(String id) {
        if (subs.remove(id) != null && wire.welcomed()) {
            wire.send(Codec.JSON.createObjectNode().put("type", "unsubscribe").put("subscription_id", id));
        }
    }

    Map<String, Position> positions() {
        Map<String, Position> out = new LinkedHashMap<>();
        for (SubscriptionState s : subs.values()) {
            out.put(s.id, s.position());
        }
        return out;
    }

    /** The epoch a {@code welcome} names. */
    void enterEpoch(String welcomeEpoch) {
        if (!Objects.equals(welcomeEpoch, epoch)) {
            epoch = welcomeEpoch;
            seen.clear();
        }
    }

    /** After a {@code welcome}: each subscription resumes from its own position. */
    void subscribeAll() {
        for (SubscriptionState sub : subs.values()) {
            sendSubscribe(sub);
        }
    }

    void connectionLost() {
        for (SubscriptionState sub : subs.values()) {
            sub.forgetInFlight();
        }
    }

    /** A message of the current connection, other than those about the connection itself. */
    void handle(JsonNode m) {
        switch (m.path("type").asText()) {
            case "subscribed" -> subscribed(m);
            case "event" -> event(m);
            case "snapshot" -> snapshot(m);
            case "gap" -> gap(m);
            case "error" -> error(m);
            default -> {
                // pong, unsubscribed, refreshed, and types added later
            }
        }
    }

    private void sendSubscribe(SubscriptionState sub) {
        if (!wire.welcomed()) {
            // No connection (a listener stopped the client meanwhile): nothing would be sent, so no
            // reply may be expected; the next connection subscribes everything afresh.
            return;
        }
        ObjectNode msg = Codec.JSON.createObjectNode().put("type", "subscribe").put("subscription_id", sub.id);
        msg.set("filters", Codec.JSON.valueToTree(sub.filters));
        if (!sub.snapshotDue && sub.seq != null && sub.epoch != null) {
            // Resume. With since, the server sends the snapshot only if it cannot replay (recovered: false).
            msg.put("since", sub.seq).put("epoch", sub.epoch).put("snapshot", true);
            sub.awaiting = sub.seq;
        } else {
            msg.put("snapshot", sub.snapshotDue); // first start, or an earlier snapshot never finished
            sub.awaiting = null;
        }
        sub.pending++;
        wire.send(msg);
    }

    private void subscribed(JsonNode m) {
        SubscriptionState sub = subs.get(m.path("subscription_id").asText());
        // Replies to superseded subscribes change nothing: only the latest one says where we stand.
        if (sub == null) {
            return;
        }
        sub.held = true; // whichever subscribe this answers, the server holds one under this id now
        if (--sub.pending > 0) {
            return;
        }
        sub.awaiting = null;
        JsonNode recovered = m.path("recovered");
        if (recovered.isBoolean() && !recovered.booleanValue()) {
            sub.snapshotDue = true; // the server sends one: we asked with snapshot: true
        }
        sub.replayLeft = recovered.asBoolean(false) ? m.path("replayed").asLong(0) : 0;
        sub.liveFrom = m.path("seq").asLong();
        // Nothing owed before S: the subscription is complete up to S, so resume from there next time.
        if (!sub.snapshotDue && sub.replayLeft == 0) {
            sub.advance(sub.liveFrom, epoch);
        }
    }

    private void snapshot(JsonNode m) {
        SnapshotPage page = Codec.read(m, SnapshotPage.class);
        listener.onSnapshot(page);
        SubscriptionState sub = subs.get(page.subscriptionId());
        if (page.last() && sub != null && sub.pending == 0) {
            sub.snapshotDue = false; // only a complete snapshot counts: a cut-off one is asked for again
            sub.advance(page.seq(), epoch);
        }
    }

    private void event(JsonNode m) {
        long seq = m.path("seq").asLong();
        List<String> ids = new ArrayList<>();
        m.path("subscription_ids").forEach(id -> ids.add(id.asText()));
        List<SubscriptionState> matched = new ArrayList<>();
        for (String id : ids) {
            SubscriptionState sub = subs.get(id);
            if (sub != null) {
                matched.add(sub);
            }
        }
        // A replay frame (one subscription, still owed replayed events) is older than the live stream.
        if (matched.size() == ids.size() && matched.stream().noneMatch(s -> s.replayLeft > 0)) {
            passedLive(seq);
        }
        // After a gap every subscription resumed from before it. Until the server confirms, frames still
        // in flight would be replayed anyway; skipping them keeps each subscription in seq order.
        if (!matched.isEmpty() && matched.stream().allMatch(s -> s.awaiting != null && seq > s.awaiting)) {
            return;
        }
        for (SubscriptionState sub : matched) {
            if (sub.pending > 0 || sub.snapshotDue) {
                continue;
            }
            sub.advance(seq, epoch);
            if (sub.replayLeft > 0 && --sub.replayLeft == 0) {
                sub.advance(sub.liveFrom, epoch);
            }
        }
        if (!seen.firstTime(seq)) {
            return;
        }
        EventFrame frame = new EventFrame(
                uuid(m.path("message_id")),
                readEvent(m.path("event")),
                Codec.read(m.path("timestamp"), Instant.class),
                seq,
                Codec.read(m.path("priority"), Priority.class),
                List.copyOf(ids),
                epoch,
                m);
        listener.onEvent(frame);
    }

    /**
     * Live events reach a session in seq order, so a settled subscription has had everything up to a
     * live event's seq, even if none of it matched: advancing quiet subscriptions keeps their resume
     * point inside what the server retains. Not so for a replay, nor another subscription's S.
     */
    private void passedLive(long seq) {
        for (SubscriptionState sub : subs.values()) {
            if (sub.settled()) {
                sub.advance(seq, epoch);
            }
        }
    }

    private void gap(JsonNode m) {
        Gap gap = Codec.read(m, Gap.class);
        listener.onGap(gap);
        // The session lost events in [from_seq, to_seq]; everything before from_seq arrived. Resuming every
        // subscription from there replays exactly what is missing (a resubscribe replaces the old one).
        for (SubscriptionState sub : subs.values()) {
            if (sub.seq == null || !Objects.equals(sub.epoch, epoch) || sub.snapshotDue) {
                continue; // its own subscribe is still due
            }
            // A gap before the reply to our resume lies before that resume's S: its replay covers it.
            if (sub.awaiting != null && sub.awaiting < gap.fromSeq()) {
                continue;
            }
            // A settled subscription has everything before from_seq; one still catching up may not.
            sub.seq = sub.settled() ? gap.fromSeq() - 1 : Math.min(sub.seq, gap.fromSeq() - 1);
            sendSubscribe(sub);
        }
    }

    private void error(JsonNode m) {
        ServerError error = Codec.read(m, ServerError.class);
        listener.onError(error);
        // These refuse a subscribe (and name it): no subscribed will come for it. Counted against the
        // id's current subscription, which inherits the count of the one it replaced.
        boolean refused = "SUBSCRIPTION_LIMIT".equals(error.code())
                || "FORBIDDEN".equals(error.code())
                || "INVALID_MESSAGE".equals(error.code());
        SubscriptionState sub = error.subscriptionId() == null ? null : subs.get(error.subscriptionId());
        if (refused && sub != null && sub.pending > 0 && --sub.pending == 0) {
            sub.awaiting = null;
            if ("INVALID_MESSAGE".equals(error.code())) {
                forget(sub); // the latest subscribe for this id was the refused one
            }
        }
        // The server drops messages over its rate without saying which; a lost subscribe would leave a
        // subscription waiting forever, so start again from known positions.
        if ("RATE_LIMITED".equals(error.code()) && subs.values().stream().anyMatch(s -> s.pending > 0)) {
            wire.abandon("a subscribe was rate limited");
        }
    }

    /**
     * A subscribe the server could not read (a bad filter value): sent again on every reconnect it
     * would be refused again, so it is forgotten (onError has said so), and a subscription the server
     * still holds under its id (the one it was to replace) goes with it.
     */
    private void forget(SubscriptionState sub) {
        subs.remove(sub.id);
        if (sub.held) {
            wire.send(Codec.JSON.createObjectNode().put("type", "unsubscribe").put("subscription_id", sub.id));
        }
    }

    private static Event readEvent(JsonNode node) {
        try {
            return Codec.JSON.treeToValue(node, Event.class);
        } catch (Exception e) {
            return null; // an event type or shape this client does not know: EventFrame.raw has it
        }
    }

    private static UUID uuid(JsonNode node) {
        return node.isTextual() ? UUID.fromString(node.asText()) : null;
    }
}
