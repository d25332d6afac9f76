package io.incidentstream.application.session;

import io.incidentstream.application.port.in.ConnectionGate;
import io.incidentstream.application.port.in.LifecycleUseCase;
import io.incidentstream.application.stats.StreamStatistics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, AddressCount> perAddress = new ConcurrentHashMap<>();

    /** An address's connections, with the address itself: one string for them all rather than one each. */
    private static final class AddressCount extends AtomicInteger {
        final String address;

        AddressCount(String address) {
            this.address = address;
        }
    }

    public ConnectionLimits(int maxTotal, int maxPerAddress, LifecycleUseCase lifecycle, StreamStatistics statistics) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.lifecycle = lifecycle;
        this.statistics = statistics;
    }

    @Override
    public Entry enter(String clientAddress, String transport) {
        if (!lifecycle.ready()) {
            return refuse(Reason.SHUTTING_DOWN, transport, "the server is shutting down; reconnect shortly");
        }
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return refuse(
                    Reason.SERVER_FULL, transport, "the server holds its maximum of " + maxTotal + " connections");
        }
        AddressCount[] entered = {null};
        perAddress.compute(clientAddress, (address, count) -> {
            AddressCount counter = count == null ? new AddressCount(clientAddress) : count;
            if (counter.get() < maxPerAddress) {
                counter.incrementAndGet();
                entered[0] = counter;
            }
            return counter.get() == 0 ? null : counter;
        });
        if (entered[0] == null) {
            total.decrementAndGet();
            return refuse(
                    Reason.ADDRESS_FULL,
                    transport,
                    "address " + clientAddress + " holds its maximum of " + maxPerAddress + " connections");
        }
        String shared = entered[0].address;
        return new Entered(new Release(shared), shared);
    }

    /** Gives one entered connection's place back, once however often it is called. */
    private final class Release extends java.util.concurrent.atomic.AtomicBoolean implements Runnable {

        private final String clientAddress;

        Release(String clientAddress) {
            this.clientAddress = clientAddress;
        }

        @Override
        public void run() {
            if (compareAndSet(false, true)) {
                total.decrementAndGet();
                perAddress.computeIfPresent(
                        clientAddress, (address, count) -> count.decrementAndGet() == 0 ? null : count);
            }
        }
    }

    @Override
    public void denied(Denial denial, String transport) {
        statistics.upgradeRefused(denial.name().toLowerCase(java.util.Locale.ROOT), transport);
    }

    /** Connections entered and not yet released. */
    public int connections() {
        return total.get();
    }

    private Refused refuse(Reason reason, String transport, String message) {
        statistics.upgradeRefused(reason.name().toLowerCase(java.util.Locale.ROOT), transport);
        return new Refused(reason, message);
    }
}
