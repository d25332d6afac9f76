package io.incidentstream.adapters.metrics.archviolation;

/** Deliberately breaks the metrics adapter rule, to prove the rule notices (test code only). */
public class MetricsAdapterUsingJetty {

    public Object server() {
        return new org.eclipse.jetty.server.Server();
    }
}
