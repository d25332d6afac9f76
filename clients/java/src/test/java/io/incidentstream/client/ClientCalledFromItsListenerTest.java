package io.incidentstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public methods may be called from any thread, the listener's own included (it runs on the
 * client's thread, which a method waiting for that thread would block for ever), and after close.
 */
@Timeout(60)
class ClientCalledFromItsListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aListenerSavingPositionsOnEachEvent_goesOnReceiving() {
        try (TestServer server = TestServer.start(Map.of())) {
            UUID incident = UUID.randomUUID();
            List<Map<String, Position>> saved = new CopyOnWriteArrayList<>();
            AtomicReference<IncidentStreamClient> self = new AtomicReference<>();
            Recorder recorder = new Recorder() {
                @Override
                public void onEvent(EventFrame frame) {
                    super.onEvent(frame);
                    saved.add(self.get().positions());
                }
            };
            try (IncidentStreamClient client = started(server, recorder, incident, self)) {
                Recorder.await(() -> client.positions().get("mine") != null, WAIT, "subscribed");
                List<Long> seqs = publishTwo(server, incident);
                Recorder.await(() -> recorder.events.size() == 2, WAIT, "both events, the second after a save");
                assertThat(recorder.seqs()).isEqualTo(seqs);
                assertThat(saved).extracting(p -> p.get("mine").seq()).containsExactlyElementsOf(seqs);
            }
        }
    }

    @Test
    void aListenerClosingTheClient_stopsIt_andThePositionsCanStillBeRead() {
        try (TestServer server = TestServer.start(Map.of())) {
            UUID incident = UUID.randomUUID();
            AtomicReference<IncidentStreamClient> self = new AtomicReference<>();
            Recorder recorder = new Recorder() {
                @Override
                public void onEvent(EventFrame frame) {
                    super.onEvent(frame);
                    self.get().close();
                }
            };
            IncidentStreamClient client = started(server, recorder, incident, self);
            Recorder.await(() -> client.positions().get("mine") != null, WAIT, "subscribed");
            List<Long> seqs = publishTwo(server, incident);
            Recorder.await(
                    () -> recorder.statuses.stream().anyMatch(s -> s.state() == Status.State.STOPPED),
                    WAIT,
                    "stopped by its listener");
            assertThat(recorder.seqs()).as("nothing after the close").containsExactly(seqs.get(0));
            assertThat(client.positions().get("mine").seq()).isEqualTo(seqs.get(0));
            client.stop();
            client.close();
            assertThat(recorder.statuses)
                    .filteredOn(s -> s.state() == Status.State.STOPPED)
                    .hasSize(1);
            assertThatThrownBy(client::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the client is closed: build a new one");
        }
    }

    @Test
    void aListenerStoppingTheClientAsItConnects_leavesNoConnection() {
        try (TestServer server = TestServer.start(Map.of())) {
            AtomicReference<IncidentStreamClient> self = new AtomicReference<>();
            Recorder recorder = new Recorder() {
                @Override
                public void onStatus(Status status) {
                    super.onStatus(status);
                    if (status.state() == Status.State.CONNECTING) {
                        self.get().stop();
                    }
                }
            };
            try (IncidentStreamClient client =
                    IncidentStreamClient.builder(server.ws()).listener(recorder).build()) {
                self.set(client);
                client.start();
                Recorder.await(
                        () -> recorder.statuses.stream().anyMatch(s -> s.state() == Status.State.STOPPED),
                        WAIT,
                        "stopped");
                assertThat(client.connection()).as("no connection was opened").isNull();
            }
            assertThat(recorder.statuses)
                    .extracting(Status::state)
                    .containsExactly(Status.State.CONNECTING, Status.State.STOPPED);
        }
    }

    @Test
    void aListenerStoppingTheClientAsItOpens_thenAStart_subscribesAfresh_andEventsArrive() {
        try (TestServer server = TestServer.start(Map.of())) {
            UUID incident = UUID.randomUUID();
            AtomicReference<IncidentStreamClient> self = new AtomicReference<>();
            AtomicBoolean stopOnce = new AtomicBoolean(true);
            Recorder recorder = new Recorder() {
                @Override
                public void onStatus(Status status) {
                    super.onStatus(status);
                    if (status.state() == Status.State.OPEN && stopOnce.getAndSet(false)) {
                        self.get().stop();
                    }
                }
            };
            try (IncidentStreamClient client = started(server, recorder, incident, self)) {
                Recorder.await(
                        () -> recorder.statuses.stream().anyMatch(s -> s.state() == Status.State.STOPPED),
                        WAIT,
                        "stopped as it opened");
                client.start();
                Recorder.await(() -> client.positions().get("mine") != null, WAIT, "subscribed after the restart");
                List<Long> seqs = publishTwo(server, incident);
                Recorder.await(() -> recorder.events.size() == 2, WAIT, "both events after the restart");
                assertThat(recorder.seqs()).isEqualTo(seqs);
            }
        }
    }

    @Test
    void stoppingAClientTheServerStopped_keepsTheServersReason() throws Exception {
        String secret = "a-secret-of-at-least-32-bytes-for-hs256";
        try (TestServer server = TestServer.start(Map.of("jwt_hs256_secret", secret, "jwt_clock_skew_secs", "0"))) {
            Recorder recorder = new Recorder();
            // Accepted at the upgrade, then closed with 4001 when it expires: the client stops for good.
            String token = hs256(secret, "{\"sub\":\"dave\",\"exp\":" + (System.currentTimeMillis() / 1000 + 2) + "}");
            try (IncidentStreamClient client = IncidentStreamClient.builder(server.ws())
                    .listener(recorder)
                    .bearerToken(() -> token)
                    .build()) {
                client.start();
                Recorder.await(
                        () -> recorder.statuses.stream().anyMatch(s -> s.state() == Status.State.STOPPED),
                        WAIT,
                        "closed for good when the token expired");
                client.stop();
            }
            assertThat(recorder.statuses)
                    .filteredOn(s -> s.state() == Status.State.STOPPED)
                    .singleElement()
                    .satisfies(s -> assertThat(s.code()).isEqualTo(4001));
        }
    }

    private static String hs256(String secret, String claims) throws Exception {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + base64.encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "."
                + base64.encodeToString(mac.doFinal(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static List<Long> publishTwo(TestServer server, UUID incident) {
        return new Publisher(server.http(), null)
                .publish(
                        List.of(
                                new Event.CommentAdded(incident, "test", "first", null),
                                new Event.CommentAdded(incident, "test", "second", null)),
                        null)
                .seqs();
    }

    /**
     * A client of {@code server} subscribed ("mine") to {@code incident}'s events, started, and
     * handed to {@code self} first, so that its listener can call it back.
     */
    private static IncidentStreamClient started(
            TestServer server, Recorder listener, UUID incident, AtomicReference<IncidentStreamClient> self) {
        IncidentStreamClient client = IncidentStreamClient.builder(server.ws())
                .listener(listener)
                .subscribe(Subscription.of("mine", Filters.incidents(incident)))
                .build();
        self.set(client);
        client.start();
        return client;
    }
}
