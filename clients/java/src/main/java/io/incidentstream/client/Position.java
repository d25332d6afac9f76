package io.incidentstream.client;

/**
 * Where a subscription would resume: complete up to {@code seq} of stream {@code epoch}. Save it
 * ({@link IncidentStreamClient#positions()}) and pass it back to resume after a restart.
 */
public record Position(long seq, String epoch) {}
