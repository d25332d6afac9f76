package io.incidentstream.bootstrap;

import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Initialises, on a second thread while the main thread reads the configuration and assembles the
 * server, the few library classes whose first use is slow and which every server needs: Jetty's
 * table of media types (it asks the JVM for every installed locale) and Jackson's mapper (several
 * hundred classes, loaded otherwise by the first request). The work is the same; on two cores it
 * is done beside the rest of start-up instead of before it.
 *
 * <p>Each is self-contained (it does not call back into the server), so the two threads cannot wait
 * on each other's class initialisation. A failure here is only logged: the main thread initialises
 * the class itself when it needs it, and reports the failure there.
 */
final class StartupWarmUp {

    /** Names, not class literals: naming a class here must not load it on the main thread. */
    static final List<String> CLASSES = List.of(
            // First: Jackson logs nothing, so it does not touch logging while the main thread sets it up.
            "io.incidentstream.codec.json.Json",
            "org.eclipse.jetty.http.MimeTypes",
            "io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
            // The holder of UUID's SecureRandom, seeded on first use (node and stream ids).
            "java.util.UUID$Holder");

    private StartupWarmUp() {}

    /** Starts the thread; it ends by itself. */
    static Thread start() {
        Thread thread = new Thread(StartupWarmUp::run, "incident-stream-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void run() {
        ClassLoader loader = StartupWarmUp.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Not a static logger: this class is loaded before logging is set up.
                LoggerFactory.getLogger(StartupWarmUp.class).debug("warm-up of {} skipped", name, e);
            }
        }
    }
}
