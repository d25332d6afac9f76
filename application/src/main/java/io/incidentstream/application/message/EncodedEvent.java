package io.incidentstream.application.message;

/** The wire form of one event, shared by every session that receives it. */
public interface EncodedEvent {

    /** Bytes on the wire, for the per-session byte bound. */
    int sizeInBytes();
}
