package io.incidentstream.application.fakes;

import io.incidentstream.application.message.AdmittedEvent;
import io.incidentstream.application.port.out.EventHistory;
import java.util.ArrayList;
import java.util.List;

/** A history that continues an existing stream (epoch and last seq given) and records what is appended. */
public final class ContinuingHistory implements EventHistory {

    private final String epoch;
    private final List<AdmittedEvent> appended = new ArrayList<>();
    private long lastSeq;

    public ContinuingHistory(String epoch, long lastSeq) {
        this.epoch = epoch;
        this.lastSeq = lastSeq;
    }

    @Override
    public String epoch() {
        return epoch;
    }

    @Override
    public synchronized long lastSeq() {
        return lastSeq;
    }

    @Override
    public synchronized void append(AdmittedEvent event) {
        appended.add(event);
        lastSeq = event.seq();
    }

    @Override
    public int size() {
        return 0;
    }

    @Override
    public Cursor read(long afterSeq, long upToSeq) {
        return null;
    }

    public synchronized List<AdmittedEvent> appended() {
        return List.copyOf(appended);
    }
}
