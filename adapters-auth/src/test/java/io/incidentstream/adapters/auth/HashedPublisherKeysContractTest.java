package io.incidentstream.adapters.auth;

import io.incidentstream.application.port.out.PublisherKeys;
import io.incidentstream.application.port.out.PublisherKeysContract;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** Hashed publisher keys against the port's contract, configured from raw keys and from their hashes. */
class HashedPublisherKeysContractTest {

    @Nested
    class FromRawKeys extends PublisherKeysContract {

        @Override
        protected PublisherKeys keysFor(List<String> keys) {
            return HashedPublisherKeys.builder().rawKeys(keys).build();
        }
    }

    @Nested
    class FromHashes extends PublisherKeysContract {

        @Override
        protected PublisherKeys keysFor(List<String> keys) {
            return HashedPublisherKeys.builder()
                    .hashes(keys.stream().map(HashedPublisherKeys::hashOf).toList())
                    .build();
        }
    }
}
