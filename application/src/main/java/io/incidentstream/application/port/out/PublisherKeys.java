package io.incidentstream.application.port.out;

/** The API keys publishers present; stored as hashes, compared in constant time. */
public interface PublisherKeys {

    /** Whether any key is configured; with none, publishing is open. */
    boolean configured();

    boolean accepts(String presentedKey);

    /** No keys: publishing is open. */
    PublisherKeys NONE = new PublisherKeys() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public boolean accepts(String presentedKey) {
            return false;
        }
    };
}
