package io.incidentstream.adapters.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.port.out.WriteCallback;
import io.incidentstream.domain.event.EventType;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.fixtures.TestEvents;
import io.incidentstream.domain.fixtures.TestIncidents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reused frame carries exactly the bytes a new array would (whatever it held before), and goes
 * back to its pool only when Jetty reports the write done.
 */
@Timeout(10)
class PooledFrameTest {

    private final ServerMessageWriter writer = new ServerMessageWriter();
    private final AdmittedEvent incident = ServerMessageWriterTest.admitted(
            TestEvents.sample(
                    EventType.INCIDENT_CREATED, TestIncidents.incident().build()),
            3,
            Priority.NORMAL);
    private final AdmittedEvent small =
            ServerMessageWriterTest.admitted(new SystemEvent("deploy", "x", Map.of()), 4, Priority.LOW);

    static List<List<String>> subscriptionIdLists() {
        return EventFrameTest.subscriptionIdLists();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subscriptionIdLists")
    void aReusedFrame_holdsTheSameBytesAsANewArray_afterALongerFrame(List<String> ids) {
        FramePool pool = new FramePool();
        EventFrame longer = writer.encode(incident);
        EventFrame shorter = writer.encode(small);
        PooledFrame frame = pool.take(longer.length(List.of("a-long-subscription-id")));
        frame.fill(longer, List.of("a-long-subscription-id"), null);
        frame.succeeded();

        PooledFrame again = pool.take(shorter.length(ids));
        Frame filled = again.fill(shorter, ids, null);

        assertThat(again).isSameAs(frame);
        assertThat(filled.getOpCode()).isEqualTo(OpCode.TEXT);
        assertThat(filled.isFin()).isTrue();
        assertThat(filled.isRsv1()).isFalse();
        assertThat(bytes(filled.getPayload())).isEqualTo(shorter.forSubscriptions(ids));
    }

    @Test
    void aFrameMarkedByAnExtension_isCleanWhenReused() {
        FramePool pool = new FramePool();
        EventFrame event = writer.encode(small);
        PooledFrame frame = pool.take(event.length(List.of("s")));
        frame.fill(event, List.of("s"), null).setRsv1(true).setFin(false);
        frame.succeeded();

        Frame filled = pool.take(event.length(List.of("s"))).fill(event, List.of("s"), null);

        assertThat(filled.isRsv1()).isFalse();
        assertThat(filled.isFin()).isTrue();
    }

    @Test
    void theSessionHearsOfTheWrite_andTheFrameReturns_onlyOnSuccess() {
        FramePool pool = new FramePool();
        EventFrame event = writer.encode(small);
        Recorder done = new Recorder();
        PooledFrame ok = pool.take(event.length(List.of("s")));
        ok.fill(event, List.of("s"), done);
        PooledFrame broken = pool.take(event.length(List.of("s")));
        broken.fill(event, List.of("s"), done);

        ok.succeeded();
        broken.failed(new IOException("reset by peer"));

        assertThat(done.events).containsExactly("written", "failed: reset by peer");
        // The failed frame may still be referenced by a closing endpoint: it is not reused.
        assertThat(pool.kept()).isEqualTo(1);
        assertThat(pool.take(event.length(List.of("s")))).isSameAs(ok);
    }

    @Test
    void thePoolMakesABoundedNumberOfDirectFrames_andHeapFramesBeyondIt_whichItDoesNotKeep() {
        FramePool pool = new FramePool();
        List<PooledFrame> out = new ArrayList<>();
        for (int i = 0; i < FramePool.KEPT_PER_CLASS + 10; i++) {
            out.add(pool.take(1000));
        }
        EventFrame event = writer.encode(small);
        for (int i = 0; i < out.size(); i++) {
            // The socket writes a direct buffer as it is; a heap one is copied first, on every write.
            assertThat(out.get(i).fill(event, List.of("s"), null).getPayload().isDirect())
                    .as("frame %d", i)
                    .isEqualTo(i < FramePool.KEPT_PER_CLASS);
        }
        out.forEach(PooledFrame::succeeded);
        assertThat(pool.kept()).isEqualTo(FramePool.KEPT_PER_CLASS);

        PooledFrame huge = pool.take(200_000);
        assertThat(huge.capacity()).isEqualTo(200_000);
        huge.succeeded();
        assertThat(pool.kept()).isEqualTo(FramePool.KEPT_PER_CLASS);
    }

    @Test
    void framesLostToFailedWrites_areMadeAgain_soThePoolDoesNotShrink() {
        FramePool pool = new FramePool();
        List<PooledFrame> out = new ArrayList<>();
        for (int i = 0; i < FramePool.KEPT_PER_CLASS; i++) {
            out.add(pool.take(1000));
        }
        out.get(0).failed(new IOException("reset by peer"));
        out.subList(1, out.size()).forEach(PooledFrame::succeeded);
        assertThat(pool.kept()).isEqualTo(FramePool.KEPT_PER_CLASS - 1);

        List<PooledFrame> again = new ArrayList<>();
        for (int i = 0; i < FramePool.KEPT_PER_CLASS; i++) {
            again.add(pool.take(1000));
        }
        assertThat(again)
                .allMatch(frame -> frame.fill(writer.encode(small), List.of("s"), null)
                        .getPayload()
                        .isDirect());
        again.forEach(PooledFrame::succeeded);
        assertThat(pool.kept()).isEqualTo(FramePool.KEPT_PER_CLASS);
    }

    @Test
    void sizeClasses_fitTheFrame() {
        FramePool pool = new FramePool();
        assertThat(pool.take(1).capacity()).isEqualTo(2048);
        assertThat(pool.take(2048).capacity()).isEqualTo(2048);
        assertThat(pool.take(2049).capacity()).isEqualTo(4096);
        assertThat(pool.take(65_536).capacity()).isEqualTo(65_536);
        assertThat(pool.take(65_537).capacity()).isEqualTo(65_537);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static final class Recorder implements WriteCallback {
        final List<String> events = new ArrayList<>();

        @Override
        public void written() {
            events.add("written");
        }

        @Override
        public void failed(Throwable cause) {
            events.add("failed: " + cause.getMessage());
        }
    }
}
