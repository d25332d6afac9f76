package io.incidentstream.domain.archviolation;

/** Deliberately breaks the domain rule, to prove the rule notices (test code only). */
public class DomainUsingJetty {

    public Object server() {
        return new org.eclipse.jetty.server.Server();
    }
}
