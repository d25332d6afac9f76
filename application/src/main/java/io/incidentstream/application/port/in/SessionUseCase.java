package io.incidentstream.application.port.in;

import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.out.ClientChannel;

/** Open a session for a newly connected client; it is sent {@code welcome} at once. */
public interface SessionUseCase {

    /** A session that may see what {@code access} allows, until its token expires. */
    ClientSession open(ClientChannel channel, Access access);

    /** A session on an open server: it may see everything. */
    default ClientSession open(ClientChannel channel) {
        return open(channel, Access.unrestricted());
    }
}
