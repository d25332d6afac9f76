package io.incidentstream.bootstrap;

import java.util.List;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Jetty clients (an {@code HttpClient}, a {@code WebSocketClient}) started before each test and
 * stopped after it, as a JUnit 5 extension on an instance field declared after them, beside
 * {@link RunningServer}. Configure them in the test class's constructor: that runs before they start.
 */
final class ClientsPerTest implements BeforeEachCallback, AfterEachCallback {

    private final List<LifeCycle> clients;

    ClientsPerTest(LifeCycle... clients) {
        this.clients = List.of(clients);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        for (LifeCycle client : clients) {
            client.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = clients.size() - 1; i >= 0; i--) {
            clients.get(i).stop();
        }
    }
}
