package io.incidentstream.adapters.redis;

import io.incidentstream.adapters.redis.testing.RedisServer;
import io.incidentstream.application.engine.StreamEngineContract;
import io.incidentstream.application.port.out.EngineMetrics;
import io.incidentstream.application.port.out.StreamEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The engine contract against a real redis-server; each test gets a key prefix of its own. */
class RedisStreamEngineTest extends StreamEngineContract {

    private static RedisServer redis;
    private final List<RedisStreamEngine> engines = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(RedisStreamEngine::close);
    }

    @Override
    protected StreamEngine newEngine(int capacity, int maxIncidents) {
        RedisStreamEngine engine = new RedisStreamEngine(new RedisEngineSettings(redis.url(),
                "test-" + UUID.randomUUID(), capacity, Duration.ofHours(1), maxIncidents, Duration.ofDays(1),
                Duration.ofSeconds(5)), EngineMetrics.NONE, Clock.fixed(AT, ZoneOffset.UTC));
        engines.add(engine);
        return engine;
    }
}
