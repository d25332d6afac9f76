package io.incidentstream.bootstrap;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has the JVM give free heap back to the operating system, so that a server's resident memory
 * follows what its connections keep rather than the peak of its busiest minute.
 *
 * <p>With its defaults, G1 keeps up to 70% of the heap free after a collection, and collects only
 * when allocation asks it to: a server that took a storm of 19,000 connections kept 476 MiB of
 * heap for 175 MiB of live objects, indefinitely. These three JVM settings are "manageable" (meant
 * to be changed at run time) and set here, at start-up, unless the command line already set them:
 * an operator's {@code -XX:} flag always wins.
 * <ul>
 *   <li>{@code MinHeapFreeRatio=10}, {@code MaxHeapFreeRatio=30}: after a full collection or a
 *       concurrent cycle, the heap is sized to keep 10 to 30% free;</li>
 *   <li>{@code G1PeriodicGCInterval=60000}: an idle server (no collection for a minute) runs a
 *       concurrent cycle, which returns memory; a busy one collects anyway and never runs it.</li>
 * </ul>
 * Young collections, which set the pace of a busy server, are not affected.
 */
final class HeapReturn {

    private static final Logger LOG = LoggerFactory.getLogger(HeapReturn.class);

    /** In this order: the minimum must never exceed the maximum, and the JVM's default maximum is 70. */
    private static final Map<String, String> SETTINGS = settings();

    private HeapReturn() {}

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("MinHeapFreeRatio", "10");
        settings.put("MaxHeapFreeRatio", "30");
        settings.put("G1PeriodicGCInterval", "60000");
        return settings;
    }

    /** Applies the settings the command line left at their defaults; returns those it applied. */
    static Map<String, String> apply() {
        Map<String, String> applied = new LinkedHashMap<>();
        HotSpotDiagnosticMXBean jvm;
        try {
            jvm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("not a HotSpot JVM: heap settings left as they are", e);
            return applied;
        }
        if (jvm == null) {
            return applied;
        }
        for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
            try {
                VMOption option = jvm.getVMOption(setting.getKey());
                if (option.getOrigin() == VMOption.Origin.DEFAULT && option.isWriteable()) {
                    jvm.setVMOption(setting.getKey(), setting.getValue());
                    applied.put(setting.getKey(), setting.getValue());
                }
            } catch (RuntimeException e) {
                // Another JVM, or a value the operator's own flags make invalid (a MaxHeapFreeRatio below 10).
                LOG.debug("heap setting {} left as it is", setting.getKey(), e);
            }
        }
        return applied;
    }
}
