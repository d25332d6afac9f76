package io.incidentstream.bootstrap;

import io.incidentstream.bootstrap.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Combinations of settings that are allowed but most likely mistakes, said once at start-up. None
 * stops the server: each is handy for trying something out (a short idle timeout, a tiny queue).
 */
final class SettingWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(SettingWarnings.class);

    /** The events of an alert that opens an incident: alert_received, incident_created, alert_converted. */
    private static final int EVENTS_PER_NEW_ALERT = 3;

    private SettingWarnings() {}

    static void log(ServerConfig config) {
        idleBeforeHeartbeat(config);
        notificationsOutgrowABatch(config);
    }

    /**
     * A client whose library answers pings counts as active once per heartbeat: with an idle timeout
     * no longer than the heartbeat, it would be closed (4000) between two of them.
     */
    private static void idleBeforeHeartbeat(ServerConfig config) {
        long timeout = config.sessions().sessionTimeout().toSeconds();
        long heartbeat = config.sessions().heartbeatInterval().toSeconds();
        if (timeout <= heartbeat) {
            LOG.warn("session_timeout_secs (" + timeout + ") is not longer than heartbeat_interval_secs (" + heartbeat
                    + "): a client that only answers pings is closed as idle (4000) between two heartbeats."
                    + " Keep session_timeout_secs well above heartbeat_interval_secs (defaults 300 and 30).");
        }
    }

    /**
     * A notification's events are published as one batch, three for each alert that opens an
     * incident: with more alerts allowed than {@code broadcast_capacity} can take that way, a
     * notification the intake accepts by its count may still be refused whole (413).
     */
    private static void notificationsOutgrowABatch(ServerConfig config) {
        int alerts = config.alerts().maxPerNotification();
        int capacity = config.queues().broadcastCapacity();
        if ((long) alerts * EVENTS_PER_NEW_ALERT > capacity) {
            LOG.warn("alert_max_per_notification (" + alerts + ") allows notifications whose new alerts give up to "
                    + (long) alerts * EVENTS_PER_NEW_ALERT + " events, more than broadcast_capacity (" + capacity
                    + ") admits in one batch: such a notification is refused whole with 413. Keep"
                    + " alert_max_per_notification at most broadcast_capacity / " + EVENTS_PER_NEW_ALERT + ".");
        }
    }
}
