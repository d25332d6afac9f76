package io.incidentstream.client;

/**
 * The user's {@link Listener}, called so that whatever it throws is logged and goes no further:
 * a listener that throws must not break the client's thread in the middle of its bookkeeping.
 */
final class SafeListener implements Listener {

    private final Listener delegate;

    SafeListener(Listener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onEvent(EventFrame frame) {
        guard(() -> delegate.onEvent(frame));
    }

    @Override
    public void onSnapshot(SnapshotPage page) {
        guard(() -> delegate.onSnapshot(page));
    }

    @Override
    public void onGap(Gap gap) {
        guard(() -> delegate.onGap(gap));
    }

    @Override
    public void onStatus(Status status) {
        guard(() -> delegate.onStatus(status));
    }

    @Override
    public void onError(ServerError error) {
        guard(() -> delegate.onError(error));
    }

    private static void guard(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            System.getLogger(IncidentStreamClient.class.getName())
                    .log(System.Logger.Level.WARNING, "an incident-stream listener threw", e);
        }
    }
}
