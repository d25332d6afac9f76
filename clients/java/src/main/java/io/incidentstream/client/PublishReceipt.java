package io.incidentstream.client;

import java.util.List;
import java.util.UUID;

/** What POST /api/v1/events answers: the message ids and seqs subscribers will see, in the events' order. */
public record PublishReceipt(int accepted, List<UUID> messageIds, List<Long> seqs) {}
