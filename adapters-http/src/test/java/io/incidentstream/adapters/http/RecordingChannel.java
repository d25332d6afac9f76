package io.incidentstream.adapters.http;

import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.out.ClientChannel;
import io.incidentstream.application.port.out.WriteCallback;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client channel whose writes complete at once, recording each message for the test to take. */
final class RecordingChannel implements ClientChannel {

    private final BlockingQueue<ServerMessage> messages = new LinkedBlockingQueue<>();

    @Override
    public void write(ServerMessage message, WriteCallback callback) {
        messages.add(message);
        callback.written();
    }

    @Override
    public void close(int code, String reason) {
    }

    @Override
    public String remoteAddress() {
        return "test";
    }

    /** The next message of type {@code type}, skipping others; fails after 5 seconds. */
    <T extends ServerMessage> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            ServerMessage message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within 5 s");
            }
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }
}
