package io.incidentstream.application.message;

/** Events in seqs {@code fromSeq..toSeq} were dropped for this session; {@code dropped} of them matched. */
public record Gap(long fromSeq, long toSeq, long dropped, String reason) implements ServerMessage {}
