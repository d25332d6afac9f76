package io.incidentstream.adapters.redis;

/**
 * How far this node has read the stream: its epoch and a seq it has read up to. The stream's own
 * seq in that epoch can never be lower, unless Redis went back to older data (a snapshot taken
 * before the last writes, a restored backup); the engine checks this on reads and appends.
 */
record ReadPosition(String epoch, long seq) {

    /** This position moved on to {@code seq}, if that is further, in the same epoch. */
    ReadPosition atLeast(String epochRead, long seqRead) {
        return epoch.equals(epochRead) && seqRead > seq ? new ReadPosition(epoch, seqRead) : this;
    }
}
