package io.incidentstream.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A listener that keeps everything it is told, for tests to wait on and inspect. */
class Recorder implements Listener {

    final List<EventFrame> events = new CopyOnWriteArrayList<>();
    final List<SnapshotPage> snapshots = new CopyOnWriteArrayList<>();
    final List<Gap> gaps = new CopyOnWriteArrayList<>();
    final List<Status> statuses = new CopyOnWriteArrayList<>();
    final List<ServerError> errors = new CopyOnWriteArrayList<>();
    final Map<Integer, Integer> reconnectsByCode = new ConcurrentHashMap<>();

    @Override
    public void onEvent(EventFrame frame) {
        events.add(frame);
    }

    @Override
    public void onSnapshot(SnapshotPage page) {
        snapshots.add(page);
    }

    @Override
    public void onGap(Gap gap) {
        gaps.add(gap);
    }

    @Override
    public void onStatus(Status status) {
        statuses.add(status);
        if (status.state() == Status.State.RECONNECTING) {
            reconnectsByCode.merge(status.code(), 1, Integer::sum);
        }
    }

    @Override
    public void onError(ServerError error) {
        errors.add(error);
    }

    List<Long> seqs() {
        return events.stream().map(EventFrame::seq).toList();
    }

    boolean open() {
        return !statuses.isEmpty() && statuses.get(statuses.size() - 1).state() == Status.State.OPEN;
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
