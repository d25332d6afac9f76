package io.incidentstream.application.port.archviolation;

/** Deliberately breaks the ports rule: a port reaching a service (test code only). */
public class PortUsingService {

    public Class<?> service() {
        return io.incidentstream.application.session.SessionService.class;
    }
}
