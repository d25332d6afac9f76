package io.incidentstream.benchmarks.micro;

import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.application.message.Watching;
import io.incidentstream.application.port.out.PresenceStore;
import io.incidentstream.application.presence.InMemoryPresenceStore;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The server's own cost of one step of a presence storm: a session joins an incident that
 * {@code watchers} users already watch, and the {@code watching} reply (the whole list, as the
 * contract says) is made and written; then it leaves again. What the storm costs per message,
 * without the sockets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PresenceReplyBenchmark {

    @Param({"100", "5000"})
    public int watchers;

    private final ServerMessageWriter writer = new ServerMessageWriter();
    private final UUID incident = UUID.randomUUID();
    private PresenceStore store;
    private Instant now;

    @Setup
    public void setUp() {
        store = new InMemoryPresenceStore();
        now = Instant.parse("2026-12-05T10:00:00Z");
        for (int i = 0; i < watchers; i++) {
            store.add(incident, "session-" + i, "user-" + i, "User " + i, now.plusMillis(i));
        }
    }

    /** One {@code watch} and its reply, then the matching {@code unwatch}: two list changes, one reply. */
    @Benchmark
    public byte[] joinReplyLeave() {
        now = now.plusMillis(1);
        store.add(incident, "joining", "joiner", "Joiner", now);
        byte[] reply = writer.write(new Watching(incident, store.watchers(incident)));
        store.remove(incident, "joining");
        return reply;
    }
}
