package io.incidentstream.bootstrap;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells Jetty how many object references fill a cache line before Jetty asks the JVM itself.
 *
 * <p>Jetty pads its thread pool's queue to that width, and to learn it, the first use of the queue
 * starts the JVM's platform MBean server (every management bean of the JVM registered, the flight
 * recorder's commands loaded) only to read one flag, {@code UseCompressedOops}: about 60 ms of a
 * start-up of about 1.4 s on two cores (measured, issue 14). The same flag read from the diagnostic
 * bean directly costs a millisecond, and the answer is Jetty's: 16 references to a 64-byte line with
 * compressed references, 8 without (the line's width is Jetty's {@code cacheLineBytes}, 64 unless
 * set). A value given with {@code -D} is left alone.
 */
final class JettyCacheLine {

    static final String PROPERTY = "org.eclipse.jetty.util.referencesPerCacheLine";

    /** Jetty's own setting of the line's width, and its default. */
    private static final String LINE_PROPERTY = "org.eclipse.jetty.util.cacheLineBytes";

    private static final int DEFAULT_LINE_BYTES = 64;

    private JettyCacheLine() {}

    /** Sets the property unless it is set; returns the value in force, or null when Jetty will ask the JVM. */
    static String preset() {
        String given = System.getProperty(PROPERTY);
        if (given != null) {
            return given;
        }
        Boolean compressed = compressedReferences();
        if (compressed == null) {
            return null;
        }
        int lineBytes = Integer.getInteger(LINE_PROPERTY, DEFAULT_LINE_BYTES);
        String value = String.valueOf(lineBytes / (compressed ? Integer.BYTES : Long.BYTES));
        System.setProperty(PROPERTY, value);
        return value;
    }

    /** Null when this is not a HotSpot JVM or it does not say. */
    private static Boolean compressedReferences() {
        try {
            HotSpotDiagnosticMXBean jvm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return jvm == null
                    ? null
                    : Boolean.parseBoolean(jvm.getVMOption("UseCompressedOops").getValue());
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
