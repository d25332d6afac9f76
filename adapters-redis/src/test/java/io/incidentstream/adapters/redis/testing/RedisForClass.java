package io.incidentstream.adapters.redis.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RedisServer} for a whole test class, as a JUnit 5 extension on a {@code static} field
 * with {@code @RegisterExtension}: started before the class's own {@code @BeforeAll} methods and
 * closed after its {@code @AfterAll} ones, so that clients made and shut down there can use it.
 */
public final class RedisForClass implements BeforeAllCallback, AfterAllCallback {

    private RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    /** The running server, to stop or restart it. */
    public RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("the server runs only while a test of its class does");
        }
        return server;
    }

    public String url() {
        return server().url();
    }
}
