package io.incidentstream.adapters.redis.archviolation;

/** Deliberately breaks the Redis adapter rule twice, to prove the rule notices (test code only). */
public class RedisAdapterUsingService {

    public Class<?> service() {
        return io.incidentstream.application.engine.InMemoryStreamEngine.class;
    }

    public Class<?> otherAdapter() {
        return io.incidentstream.adapters.websocket.ServerMessageWriter.class;
    }
}
