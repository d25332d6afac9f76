package io.incidentstream.application.fakes;

import io.incidentstream.application.port.out.StreamEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One node's view of an engine that other nodes append to, whose reads can be held back: while held,
 * what a read finds is kept from the node until {@link #catchUp()}, as from a node whose reader fell
 * behind (a busy machine, a slow link to Redis). Its answers to {@link #handedOut} can be held too
 * ({@link #holdAnswers()}), as from a Redis slow to answer.
 */
public final class LaggingEngine implements StreamEngine {

    private final StreamEngine shared;
    private volatile CountDownLatch behind = new CountDownLatch(0);
    private volatile CountDownLatch answers = new CountDownLatch(0);
    private final CountDownLatch asked = new CountDownLatch(1);

    public LaggingEngine(StreamEngine shared) {
        this.shared = shared;
    }

    /** From now on, reads find events but do not return them. */
    public void fallBehind() {
        behind = new CountDownLatch(1);
    }

    /** Reads return again, the held one first. */
    public void catchUp() {
        behind.countDown();
    }

    /** From now on, {@link #handedOut} waits for {@link #answer()}. */
    public void holdAnswers() {
        answers = new CountDownLatch(1);
    }

    /** Lets every held and later {@link #handedOut} answer. */
    public void answer() {
        answers.countDown();
    }

    /** Waits until the node has asked {@link #handedOut}; false after 20 s without it. */
    public boolean awaitAsked() throws InterruptedException {
        return asked.await(20, TimeUnit.SECONDS);
    }

    @Override
    public Origin open() {
        return shared.open();
    }

    @Override
    public AppendResult append(List<Candidate> candidates) {
        return shared.append(candidates);
    }

    @Override
    public boolean handedOut(String epoch, long seq) {
        asked.countDown();
        try {
            if (!answers.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("answer held for 60 s: a test forgot answer()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return shared.handedOut(epoch, seq);
    }

    @Override
    public Feed read(long afterSeq, int max, Duration wait) {
        Feed feed = shared.read(afterSeq, max, wait);
        try {
            if (!behind.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("held behind for 60 s: a test forgot catchUp()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Feed(feed.epoch(), List.of());
        }
        return feed;
    }
}
