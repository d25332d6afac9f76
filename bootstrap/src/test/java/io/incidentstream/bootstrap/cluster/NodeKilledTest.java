package io.incidentstream.bootstrap.cluster;

import static io.incidentstream.bootstrap.cluster.EventBodies.system;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node killed with SIGKILL while publishers and subscribers run on every node: the other nodes
 * never pause, and its clients reconnect to another node and resume with nothing lost.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodeKilledTest {

    private static final int ROUNDS = 20;

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes(2);

    private ChildNode doomed;

    @BeforeEach
    void start() throws Exception {
        doomed = cluster.startChild("node-doomed");
    }

    @AfterEach
    void stop() throws Exception {
        doomed.close();
    }

    @Test
    void aKilledNodesClients_resumeElsewhere_withNothingLost_andTheOthersNeverPause() throws Exception {
        int[] ports = {cluster.node(0).port(), cluster.node(1).port(), doomed.port()};
        Map<TestClient, List<Long>> seen = new LinkedHashMap<>();
        List<TestClient> ofDoomed = new ArrayList<>();
        String epoch = null;
        for (int port : ports) {
            for (int i = 0; i < 2; i++) {
                TestClient client = cluster.connectToPort(port);
                epoch = SubscriptionToAll.start(client);
                seen.put(client, new ArrayList<>());
                if (port == doomed.port()) {
                    ofDoomed.add(client);
                }
            }
        }
        Set<String> accepted = ConcurrentHashMap.newKeySet();

        for (int round = 0; round < ROUNDS; round++) {
            for (int port : ports) {
                publish(port, "before-" + port + "-" + round, accepted);
            }
        }
        doomed.kill();
        for (TestClient client : ofDoomed) {
            // Everything up to the kill, then the connection is gone without a close frame.
            drainUntilClosed(client, seen.get(client));
        }
        long worst = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int port : new int[] {ports[0], ports[1]}) {
                long began = System.nanoTime();
                assertThat(publish(port, "after-" + port + "-" + round, accepted))
                        .isEqualTo(202);
                worst = Math.max(worst, System.nanoTime() - began);
            }
        }
        assertThat(Duration.ofNanos(worst))
                .as("slowest publish on a surviving node after the kill")
                .isLessThan(Duration.ofSeconds(2));
        long head = cluster.publish(0, "/api/v1/events", system("last"))
                .path("seqs")
                .get(0)
                .asLong();

        List<TestClient> all = new ArrayList<>();
        for (TestClient client : seen.keySet()) {
            if (!ofDoomed.contains(client)) {
                all.add(client);
                drainUntil(client, seen.get(client), head);
            }
        }
        int survivor = 0;
        for (TestClient gone : ofDoomed) {
            List<Long> seqs = seen.get(gone);
            long since = seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1);
            TestClient resumed = cluster.connectToPort(ports[survivor++ % 2]);
            resumed.next("welcome");
            assertThat(SubscriptionToAll.resume(resumed, since, epoch)
                            .path("recovered")
                            .asBoolean())
                    .isTrue();
            drainUntil(resumed, seqs, head);
            resumed.close();
        }
        List<Long> everySeq =
                java.util.stream.LongStream.rangeClosed(1, head).boxed().toList();
        for (List<Long> seqs : seen.values()) {
            assertThat(seqs)
                    .as("every subscriber, before and after resuming: each seq once, in order")
                    .containsExactlyElementsOf(everySeq);
        }
        assertThat(accepted).hasSize(3 * ROUNDS + 2 * ROUNDS);
        assertThat(messageOfSeq.values())
                .as("every accepted publish reached the subscribers")
                .containsAll(accepted);
        all.forEach(TestClient::close);
    }

    private final Map<String, String> messageOfSeq = new ConcurrentHashMap<>();

    private int publish(int port, String message, Set<String> accepted) throws Exception {
        HttpResponse<String> response = cluster.postToPort(port, "/api/v1/events", system(message));
        if (response.statusCode() == 202) {
            accepted.add(message);
        }
        return response.statusCode();
    }

    private void drainUntilClosed(TestClient client, List<Long> seqs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            JsonNode message = client.poll(Duration.ofMillis(200));
            if (message == null) {
                if (!client.isOpen()) {
                    return;
                }
                assertThat(System.nanoTime())
                        .as("the killed node's client notices within 15 s")
                        .isLessThan(deadline);
                continue;
            }
            if ("event".equals(message.path("type").asText())) {
                seqs.add(message.path("seq").asLong());
            }
        }
    }

    private void drainUntil(TestClient client, List<Long> seqs, long head) throws InterruptedException {
        while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < head) {
            JsonNode event = client.next("event");
            seqs.add(event.path("seq").asLong());
            messageOfSeq.putIfAbsent(
                    event.path("seq").asText(),
                    event.path("event").path("message").asText());
        }
    }
}
