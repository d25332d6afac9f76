package io.incidentstream.bootstrap;

/**
 * A port this server was told to listen on is taken: one line for the operator, naming the setting
 * to change, instead of Jetty's stack trace.
 */
final class PortInUseException extends Exception {

    PortInUseException(String host, int port, String setting) {
        super("cannot listen on " + host + ":" + port + ": the port is already in use by another program."
                + " Stop that program, or choose another port with --" + setting.replace('_', '-') + " (setting "
                + setting + ", environment variable INCIDENT_STREAM_" + setting.toUpperCase(java.util.Locale.ROOT)
                + "); 0 picks a free one.");
    }
}
