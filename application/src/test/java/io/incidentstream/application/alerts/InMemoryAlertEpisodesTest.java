package io.incidentstream.application.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.out.AlertEpisodes;
import io.incidentstream.application.port.out.AlertEpisodes.ClaimOutcome;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-memory store meets the contract, and holds at most its bound of episodes. */
class InMemoryAlertEpisodesTest extends AlertEpisodesContract {

    @Override
    protected AlertEpisodes newEpisodes() {
        return new InMemoryAlertEpisodes(RETENTION, 10_000);
    }

    @Test
    void beyondItsBound_theLeastRecentlyTouchedEpisodeGoesFirst() {
        InMemoryAlertEpisodes episodes = new InMemoryAlertEpisodes(RETENTION, 3);
        Instant now = Instant.parse("2024-05-01T12:00:00Z");
        for (int i = 0; i < 3; i++) {
            episodes.claim("e" + i, new UUID(0, i), now, now);
        }
        episodes.claim("e0", new UUID(1, 0), now, now);

        episodes.claim("e3", new UUID(0, 3), now, now);

        assertThat(episodes.size()).isEqualTo(3);
        assertThat(episodes.claim("e0", new UUID(9, 9), now, now).outcome()).isEqualTo(ClaimOutcome.OPEN);
        assertThat(episodes.claim("e1", new UUID(9, 9), now, now).outcome()).isEqualTo(ClaimOutcome.OPENED);
    }
}
