package io.incidentstream.bootstrap;

import static io.incidentstream.bootstrap.PresenceFixture.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many sessions join one incident as fast as they can: an observer gets presence about it at most
 * once a second, the last message lists every watcher, and an observer subscribed to another
 * incident gets none of it.
 */
@Timeout(90)
class PresenceJoinStormTest {

    private static final int WATCHERS = 60;

    @RegisterExtension
    final PresenceFixture fixture = PresenceFixture.open(Map.of());

    @Test
    void aJoinStorm_reachesAnObserverAtMostOnceASecond_merged() throws Exception {
        String incident = fixture.incident("checkout", "P1");
        String other = fixture.incident("checkout", "P1");
        TestClient observer = fixture.connect(null);
        subscribe(observer, "{\"incident_ids\":[\"" + incident + "\"]}");
        TestClient bystander = fixture.connect(null);
        subscribe(bystander, "{\"incident_ids\":[\"" + other + "\"]}");
        List<TestClient> joiners = new ArrayList<>();
        for (int i = 0; i < WATCHERS; i++) {
            joiners.add(fixture.connect(null));
        }
        for (int i = 0; i < WATCHERS; i++) {
            joiners.get(i)
                    .send("{\"type\":\"watch\",\"incident_id\":\"" + incident + "\",\"name\":\"user-" + i + "\"}");
        }

        List<Long> arrivals = new ArrayList<>();
        List<String> joined = new ArrayList<>();
        JsonNode last;
        do {
            last = PresenceFixture.presence(observer, incident);
            arrivals.add(System.nanoTime());
            joined.addAll(PresenceFixture.strings(last.path("joined")));
            assertThat(last.path("left").size()).isZero();
        } while (last.path("watchers").size() < WATCHERS);
        assertThat(PresenceFixture.users(last)).hasSize(WATCHERS).doesNotHaveDuplicates();
        assertThat(arrivals.size()).as("merged: far fewer messages than joins").isLessThan(WATCHERS / 4);
        for (int i = 1; i < arrivals.size(); i++) {
            // One second apart when sent; arrival may shift by a few milliseconds of scheduling.
            assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1)))
                    .as("presence message %d after %d", i, i - 1)
                    .isGreaterThan(Duration.ofMillis(900));
        }
        // Every join is announced once, in one of the merged messages.
        assertThat(joined)
                .hasSize(WATCHERS)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(PresenceFixture.users(last));
        assertThat(bystander.poll(Duration.ofMillis(200)))
                .as("subscribed to another incident")
                .isNull();
    }
}
