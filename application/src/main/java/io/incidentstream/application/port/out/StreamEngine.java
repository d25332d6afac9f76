package io.incidentstream.application.port.out;

import io.incidentstream.domain.event.Event;
import io.incidentstream.domain.event.Priority;
import io.incidentstream.domain.model.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where the stream's order is decided and kept: it gives accepted events their seq, keeps the
 * recent ones (the history every node resumes from), lets each node read them in seq order, and
 * keeps the durable state of the incident view. One node alone uses the in-memory engine; several
 * nodes share one stream through an engine they all reach (Redis).
 *
 * <p>Admission computes what an event does to its incident from the incident's version (the seq
 * of the event that last changed it); {@link #append} refuses the whole batch with a
 * {@link Conflict} when another admission changed that incident first, so two nodes can never base
 * their events on different pasts. Every node then resolves an event's filter attributes from the
 * {@code before} stored with it, so all nodes agree on them.
 */
public interface StreamEngine {

    /** Where a node starts: the stream's epoch, its last seq, and the incident view as of that seq. */
    Origin open();

    /**
     * Appends the events atomically, in order, each with the next seq; all or nothing. Retrying with
     * the same message ids (after a lost reply) returns the first result instead of appending again.
     *
     * @throws EngineUnavailableException when the engine cannot be reached; nothing is known to be stored
     */
    AppendResult append(List<Candidate> candidates);

    /**
     * Events with seq above {@code afterSeq}, in seq order, at most {@code max}, waiting up to
     * {@code wait} for the first one. The first event returned is above {@code afterSeq + 1} when the
     * history no longer holds what lay between; the caller must not skip that silently.
     *
     * @throws EngineUnavailableException when the engine cannot be reached
     */
    Feed read(long afterSeq, int max, Duration wait);

    /**
     * Whether the stream of {@code epoch} (compared ignoring case) has handed out {@code seq}: a
     * client's resume position that the node reading it has not reached yet is real only then.
     *
     * @throws EngineUnavailableException when the engine cannot be reached
     */
    boolean handedOut(String epoch, long seq);

    /** An incident as the engine knows it, and the seq of the event that last changed it. */
    record StoredIncident(Incident incident, long version) {}

    /**
     * An event ready to append.
     *
     * @param before          the incident it concerns as admission saw it (null if unknown)
     * @param expectedVersion that incident's version as admission saw it, or -1 when an earlier event
     *                        of the same batch already changed it (nothing to check)
     * @param after           what the event made of the incident, or null when it left it unchanged
     */
    record Candidate(
            UUID messageId,
            Event event,
            Priority priority,
            Instant publishedAt,
            Incident before,
            long expectedVersion,
            Incident after) {}

    /** An event as every node reads it back. */
    record Logged(long seq, UUID messageId, Event event, Priority priority, Instant publishedAt, Incident before) {}

    /** @param incidents the incident view as of {@code seq} */
    record Origin(String epoch, long seq, List<StoredIncident> incidents) {}

    /** What {@link #read} found, with the epoch it belongs to. */
    record Feed(String epoch, List<Logged> events) {}

    /** The outcome of {@link #append}. */
    sealed interface AppendResult {}

    /** Stored: the batch's seqs are {@code firstSeq} .. {@code firstSeq + count - 1}, in {@code epoch}. */
    record Appended(String epoch, long firstSeq) implements AppendResult {}

    /** Nothing stored: these incidents changed since admission read them; here is how they stand now. */
    record Conflict(Map<UUID, StoredIncident> current) implements AppendResult {}
}
