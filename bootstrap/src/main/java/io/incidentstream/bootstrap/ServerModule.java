package io.incidentstream.bootstrap;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Shared infrastructure of the running server. */
@Module
interface ServerModule {

    /** One timer thread for every delayed task (close grace periods, heartbeats, sweeps): none per connection. */
    @Provides
    @Singleton
    static ScheduledExecutorService timer() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "incident-stream-timer");
            thread.setDaemon(true);
            return thread;
        });
    }
}
