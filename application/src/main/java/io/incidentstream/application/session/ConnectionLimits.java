package io.incidentstream.application.session;

import io.incidentstream.application.port.in.ConnectionGate;
import io.incidentstream.application.port.in.LifecycleUseCase;
import io.incidentstream.application.stats.StreamStatistics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts connections in total and per address, and refuses the one too many before it is upgraded.
 * An address's counter disappears when its last connection ends, so the map holds only addresses
 * that are connected now.
 */
public final class ConnectionLimits implements ConnectionGate {

    private final int maxTotal;
    private final int maxPerAddress;
    private final LifecycleUseCase lifecycle;
    private final StreamStatistics statistics;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimits(int maxTotal, int maxPerAddress, LifecycleUseCase lifecycle, StreamStatistics statistics) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.lifecycle = lifecycle;
        this.statistics = statistics;
    }

    @Override
    public Admission admit(String clientAddress) {
        if (!lifecycle.ready()) {
            return refuse(Reason.SHUTTING_DOWN, "the server is shutting down; reconnect shortly");
        }
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return refuse(Reason.SERVER_FULL, "the server holds its maximum of " + maxTotal + " connections");
        }
        boolean[] admitted = {false};
        perAddress.compute(clientAddress, (address, count) -> {
            AtomicInteger counter = count == null ? new AtomicInteger() : count;
            if (counter.get() < maxPerAddress) {
                counter.incrementAndGet();
                admitted[0] = true;
            }
            return counter.get() == 0 ? null : counter;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return refuse(Reason.ADDRESS_FULL,
                    "address " + clientAddress + " holds its maximum of " + maxPerAddress + " connections");
        }
        AtomicBoolean released = new AtomicBoolean();
        return new Admitted(() -> {
            if (released.compareAndSet(false, true)) {
                total.decrementAndGet();
                perAddress.computeIfPresent(clientAddress, (address, count) ->
                        count.decrementAndGet() == 0 ? null : count);
            }
        });
    }

    /** Connections admitted and not yet released. */
    public int connections() {
        return total.get();
    }

    private Refused refuse(Reason reason, String message) {
        statistics.upgradeRefused(reason.name().toLowerCase(java.util.Locale.ROOT));
        return new Refused(reason, message);
    }
}
