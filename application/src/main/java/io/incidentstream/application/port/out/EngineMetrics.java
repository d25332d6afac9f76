package io.incidentstream.application.port.out;

/**
 * What a shared stream engine (Redis) reports about its own work: round trips, failures,
 * reconnects, and how far this node is behind the stream's head. Cheap and non-blocking.
 */
public interface EngineMetrics {

    /** One command answered, {@code nanos} after it was sent; {@code command} e.g. {@code append}. */
    void roundTrip(String command, long nanos);

    /** One command failed or timed out. */
    void error(String command);

    /** The client lost its connection and is reconnecting. */
    void reconnecting();

    /** After a read: the head of the stream and this node's place, in seqs and in age. */
    void lag(long events, double seconds);

    /**
     * The memory the engine's client holds for its connections (its buffers), read whenever the
     * metrics are read; called once, when the client is connected.
     */
    default void clientMemory(java.util.function.LongSupplier bytes) {}

    /** Metrics that go nowhere. */
    EngineMetrics NONE = new EngineMetrics() {
        @Override
        public void roundTrip(String command, long nanos) {}

        @Override
        public void error(String command) {}

        @Override
        public void reconnecting() {}

        @Override
        public void lag(long events, double seconds) {}
    };
}
