package io.incidentstream.client;

import java.util.HashSet;
import java.util.Set;

/** The seqs delivered lately in one epoch: a replay for one subscription may repeat what another already delivered. */
final class SeenSeqs {

    private final int window;
    private final Set<Long> seen = new HashSet<>();
    private long max;

    SeenSeqs(int window) {
        this.window = window;
    }

    /** True the first time a seq comes, false for a repeat. */
    boolean firstTime(long seq) {
        if (!seen.add(seq)) {
            return false;
        }
        if (seq > max) {
            max = seq;
            if (seen.size() > 2 * window) {
                // Nothing this far back can be replayed again: the server no longer retains it.
                long floor = max - window;
                seen.removeIf(s -> s <= floor);
            }
        }
        return true;
    }

    /** A new stream: seqs restart, nothing of the old can repeat. */
    void clear() {
        seen.clear();
        max = 0;
    }
}
