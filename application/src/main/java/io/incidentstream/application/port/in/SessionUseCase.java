package io.incidentstream.application.port.in;

import io.incidentstream.application.port.out.ClientChannel;

/** Open a session for a newly connected client; it is sent {@code welcome} at once. */
public interface SessionUseCase {

    ClientSession open(ClientChannel channel);
}
