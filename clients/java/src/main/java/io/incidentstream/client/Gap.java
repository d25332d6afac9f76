package io.incidentstream.client;

/** The server dropped events in [fromSeq, toSeq] for this session; the client replays them itself. */
public record Gap(long fromSeq, long toSeq, long dropped, String reason) {}
