package io.incidentstream.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.fakes.RecordingChannel;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.ClientSession;
import io.incidentstream.application.port.in.SubscribeCommand;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.filter.Filter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;

/** Stats, health and metrics: what operators and load balancers read. */
class OperationsEndpointsTest {

    @Test
    void stats_reportConnectionsEventsAndStreamPosition_inSnakeCase() throws Exception {
        try (TestApi api = TestApi.start()) {
            RecordingChannel channel = new RecordingChannel();
            ClientSession session = api.stream.sessions().open(channel);
            assertThat(api.post(
                                    "/api/v1/events",
                                    "[" + Bodies.incidentCreated("P1") + "," + Bodies.systemEvent("a") + ","
                                            + Bodies.systemEvent("b") + "]")
                            .getStatus())
                    .isEqualTo(202);
            // Subscriptions go live on the dispatcher between events: once this one is confirmed,
            // the three events before it have been dispatched and counted.
            session.subscribe(new SubscribeCommand("all", Filter.all()));
            channel.nextOf(Subscribed.class);

            ContentResponse response = api.get("/api/v1/stats");

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
            JsonNode stats = TestApi.json(response);
            assertThat(stats.properties())
                    .extracting(java.util.Map.Entry::getKey)
                    .containsExactly(
                            "active_connections",
                            "total_connections",
                            "active_subscriptions",
                            "events_broadcast",
                            "events_delivered",
                            "events_by_type",
                            "messages_sent",
                            "messages_received",
                            "send_errors",
                            "connection_errors",
                            "heartbeats_answered",
                            "queued_events",
                            "pending_dispatch",
                            "epoch",
                            "last_seq");
            assertThat(stats.get("queued_events").longValue()).isZero();
            assertThat(stats.get("pending_dispatch").longValue()).isZero();
            assertThat(stats.get("active_connections").longValue()).isEqualTo(1);
            assertThat(stats.get("total_connections").longValue()).isEqualTo(1);
            assertThat(stats.get("active_subscriptions").longValue()).isEqualTo(1);
            assertThat(stats.get("events_broadcast").longValue()).isEqualTo(3);
            assertThat(stats.get("events_by_type").get("system_event").longValue())
                    .isEqualTo(2);
            assertThat(stats.get("events_by_type").get("incident_created").longValue())
                    .isEqualTo(1);
            assertThat(stats.get("events_by_type")).hasSize(EventType.values().length);
            assertThat(stats.get("messages_received").longValue()).isEqualTo(1);
            assertThat(stats.get("epoch").textValue())
                    .isEqualTo(api.stream.statistics().statistics().epoch())
                    .isNotEmpty();
            assertThat(stats.get("last_seq").longValue()).isEqualTo(3);
        }
    }

    @Test
    void live_isAlways200() throws Exception {
        try (TestApi api = TestApi.start()) {
            api.stream.lifecycle().shutdown(Duration.ZERO);

            ContentResponse response = api.get("/health/live");

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(TestApi.json(response).get("status").textValue()).isEqualTo("live");
        }
    }

    @Test
    void ready_is200_until_shutdownBegins_then503() throws Exception {
        try (TestApi api = TestApi.start()) {
            ContentResponse before = api.get("/health/ready");
            api.stream.lifecycle().shutdown(Duration.ZERO);
            ContentResponse after = api.get("/health/ready");

            assertThat(before.getStatus()).isEqualTo(200);
            assertThat(TestApi.json(before).get("status").textValue()).isEqualTo("ready");
            assertThat(after.getStatus()).isEqualTo(503);
            assertThat(after.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(TestApi.json(after).get("status").textValue()).isEqualTo("not_ready");
        }
    }

    @Test
    void health_reportsVersionAndUptime_fromTheClock() throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2024-05-01T12:00:00Z"));
        try (TestApi api = TestApi.startWithClock(clock)) {
            clock.advance(Duration.ofSeconds(90));

            ContentResponse response = api.get("/health");

            assertThat(response.getStatus()).isEqualTo(200);
            JsonNode health = TestApi.json(response);
            assertThat(health.get("status").textValue()).isEqualTo("healthy");
            assertThat(health.get("version").textValue()).isEqualTo(TestApi.SETTINGS.version());
            assertThat(health.get("uptime_seconds").longValue()).isEqualTo(90);
        }
    }

    @Test
    void metrics_areServedInTheSourcesContentType() throws Exception {
        try (TestApi api = TestApi.start()) {
            ContentResponse response = api.get("/metrics");

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaders().get("Content-Type")).isEqualTo(TestApi.METRICS.contentType());
            assertThat(response.getContentAsString()).isEqualTo(TestApi.METRICS.scrape());
        }
    }

    @Test
    void everyJsonEndpoint_answersInUtf8Json() throws Exception {
        try (TestApi api = TestApi.start()) {
            for (String path : List.of(
                    "/health",
                    "/health/live",
                    "/health/ready",
                    "/api/v1/stats",
                    "/api/v1/incidents",
                    "/nowhere",
                    "/ws")) {
                assertThat(api.get(path).getHeaders().get("Content-Type"))
                        .as(path)
                        .isEqualTo("application/json; charset=utf-8");
            }
        }
    }
}
