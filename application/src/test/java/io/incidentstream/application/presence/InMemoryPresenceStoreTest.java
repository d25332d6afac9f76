package io.incidentstream.application.presence;

import io.incidentstream.application.port.out.PresenceStore;

/** The in-memory store against the store contract. */
class InMemoryPresenceStoreTest extends PresenceStoreContract {

    @Override
    protected PresenceStore newStore() {
        return new InMemoryPresenceStore();
    }
}
