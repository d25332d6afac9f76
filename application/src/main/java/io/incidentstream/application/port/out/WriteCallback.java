package io.incidentstream.application.port.out;

/** Completion of one write; exactly one method is called, once. */
public interface WriteCallback {

    void written();

    void failed(Throwable cause);
}
