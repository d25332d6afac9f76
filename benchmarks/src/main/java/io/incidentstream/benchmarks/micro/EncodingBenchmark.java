package io.incidentstream.benchmarks.micro;

import io.incidentstream.adapters.websocket.ServerMessageWriter;
import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.message.EncodedEvent;
import io.incidentstream.application.message.EventMessage;
import java.util.List;
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
 * The two halves of writing an {@code event} frame: encoding the event once (shared by every
 * recipient) and completing it for one session (its {@code subscription_ids}: a byte copy, or the
 * previous recipient's frame when the ids are the same).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncodingBenchmark {

    @Param({"INCIDENT", "ALERT"})
    public Samples.Family family;

    private final ServerMessageWriter writer = new ServerMessageWriter();
    private AdmittedEvent event;
    private EventMessage forOneSession;
    private EventMessage forAnotherSession;
    private boolean flip;

    @Setup
    public void setUp() {
        event = Samples.admitted(family);
        // Encoded once here, as the first recipient would; completeFrame measures every later recipient.
        event.encoded(writer);
        forOneSession = new EventMessage(event, List.of("urgent"));
        forAnotherSession = new EventMessage(event, List.of("payments-prod"));
    }

    /** Once per event, however many recipients. */
    @Benchmark
    public EncodedEvent encodeEvent() {
        return writer.encode(event);
    }

    /**
     * Once per recipient whose subscription ids differ from the previous recipient's: the shared bytes
     * copied with this session's ids appended (the writer keeps the last completed frame, so sessions
     * alternate here to measure the copy).
     */
    @Benchmark
    public byte[] completeFrame() {
        flip = !flip;
        return writer.write(flip ? forOneSession : forAnotherSession);
    }

    /** Once per recipient with the same subscription ids as the previous one: the frame is reused. */
    @Benchmark
    public byte[] completeFrameSameIds() {
        return writer.write(forOneSession);
    }
}
