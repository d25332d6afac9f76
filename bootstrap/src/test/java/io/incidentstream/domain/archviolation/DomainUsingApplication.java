package io.incidentstream.domain.archviolation;

/** Deliberately breaks the layer rule: the domain reaching up into the application (test code only). */
public class DomainUsingApplication {

    public Class<?> message() {
        return io.incidentstream.application.message.ServerMessage.class;
    }
}
