package io.incidentstream.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.out.StreamMetrics;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each port method moves its own meter, read back through a real scrape. */
class MicrometerStreamMetricsTest {

    @RegisterExtension
    final ScrapedPrometheus prometheus = new ScrapedPrometheus();

    private final StreamMetrics metrics = prometheus.metrics.streamMetrics();

    /** How much {@code series} moved while {@code action} ran. */
    private double delta(String series, Runnable action) {
        double before = prometheus.scrape().value(series);
        action.run();
        return prometheus.scrape().value(series) - before;
    }

    @Test
    void sessionOpened_countsConnectionAndRaisesActiveConnectionsOfItsTransport() {
        assertThat(delta("websocket_connections_total{transport=\"ws\"}", () -> metrics.sessionOpened("ws")))
                .isEqualTo(1.0);
        assertThat(delta("websocket_active_connections{transport=\"sse\"}", () -> metrics.sessionOpened("sse")))
                .isEqualTo(1.0);
        assertThat(prometheus.scrape().value("websocket_active_connections{transport=\"ws\"}"))
                .isEqualTo(1.0);
    }

    @Test
    void sessionClosed_lowersActiveConnectionsAndRecordsLifetimeUnderItsTransport() {
        metrics.sessionOpened("sse");
        assertThat(delta("websocket_active_connections{transport=\"sse\"}", () -> metrics.sessionClosed("sse", 42.0)))
                .isEqualTo(-1.0);
        Scrape scrape = prometheus.scrape();
        assertThat(scrape.value("websocket_session_duration_seconds_count{transport=\"sse\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.value("websocket_session_duration_seconds_sum{transport=\"sse\"}"))
                .isEqualTo(42.0);
        assertThat(scrape.value("websocket_session_duration_seconds_bucket{transport=\"sse\",le=\"30.0\"}"))
                .isEqualTo(0.0);
        assertThat(scrape.value("websocket_session_duration_seconds_bucket{transport=\"sse\",le=\"60.0\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.value("websocket_session_duration_seconds_count{transport=\"ws\"}"))
                .isEqualTo(0.0);
    }

    @Test
    void subscriptionAddedThenRemoved_movesActiveSubscriptionsUpAndDown() {
        assertThat(delta("websocket_active_subscriptions", metrics::subscriptionAdded))
                .isEqualTo(1.0);
        assertThat(delta("websocket_active_subscriptions", metrics::subscriptionRemoved))
                .isEqualTo(-1.0);
    }

    @Test
    void messageReceived_countsReceivedMessages() {
        assertThat(delta("websocket_messages_received_total", metrics::messageReceived))
                .isEqualTo(1.0);
    }

    @Test
    void messageSent_countsSentMessages() {
        assertThat(delta("websocket_messages_sent_total", metrics::messageSent)).isEqualTo(1.0);
    }

    @Test
    void sendFailed_countsSendErrors() {
        assertThat(delta("websocket_send_errors_total", metrics::sendFailed)).isEqualTo(1.0);
    }

    @Test
    void connectionError_countsConnectionErrors() {
        assertThat(delta("websocket_connection_errors_total", metrics::connectionError))
                .isEqualTo(1.0);
    }

    @Test
    void eventBroadcast_countsUnderTheWireNameOfItsType() {
        String series = "websocket_events_broadcast_total{event_type=\"incident_created\"}";
        assertThat(delta(series, () -> metrics.eventBroadcast(EventType.INCIDENT_CREATED)))
                .isEqualTo(1.0);
        assertThat(prometheus.scrape().value("websocket_events_broadcast_total{event_type=\"escalated\"}"))
                .isEqualTo(0.0);
    }

    @Test
    void eventBroadcast_everyTypeIsScrapedBeforeItsFirstEvent() {
        Scrape scrape = prometheus.scrape();
        for (EventType type : EventType.values()) {
            assertThat(scrape.value("websocket_events_broadcast_total{event_type=\"" + type.wire() + "\"}"))
                    .isEqualTo(0.0);
        }
    }

    @Test
    void eventDelivered_countsDeliveryAndRecordsSubMillisecondLatency() {
        assertThat(delta(
                        "websocket_events_delivered_total{transport=\"ws\"}",
                        () -> metrics.eventDelivered("ws", 300_000)))
                .isEqualTo(1.0);
        Scrape scrape = prometheus.scrape();
        assertThat(scrape.value("websocket_message_latency_seconds_count{transport=\"ws\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.value("websocket_message_latency_seconds_bucket{transport=\"ws\",le=\"2.5E-4\"}"))
                .isEqualTo(0.0);
        assertThat(scrape.value("websocket_message_latency_seconds_bucket{transport=\"ws\",le=\"5.0E-4\"}"))
                .isEqualTo(1.0);
    }

    @Test
    void eventDropped_countsUnderItsPriority() {
        String series = "websocket_events_dropped_total{priority=\"low\"}";
        assertThat(delta(series, () -> metrics.eventDropped(Priority.LOW))).isEqualTo(1.0);
        assertThat(prometheus.scrape().value("websocket_events_dropped_total{priority=\"critical\"}"))
                .isEqualTo(0.0);
    }

    @Test
    void slowConsumerClosed_countsSlowConsumerCloses() {
        assertThat(delta(
                        "websocket_slow_consumer_closes_total{transport=\"sse\"}",
                        () -> metrics.slowConsumerClosed("sse")))
                .isEqualTo(1.0);
    }
}
