package io.incidentstream.application.engine;

import io.incidentstream.application.fakes.FakeClock;
import io.incidentstream.application.port.out.StreamEngine;
import java.time.Duration;
import java.util.UUID;

/** The engine contract against the in-memory engine of a single node. */
class InMemoryStreamEngineTest extends StreamEngineContract {

    @Override
    protected StreamEngine newEngine(int capacity, int maxIncidents) {
        FakeClock clock = new FakeClock(AT);
        return new InMemoryStreamEngine(
                UUID.randomUUID().toString(), 0, capacity, Duration.ofHours(1), maxIncidents, clock);
    }
}
