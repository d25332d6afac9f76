package io.incidentstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PublisherKeys} configured with keys must do; each adapter's test extends this
 * with its own keys. A key is accepted only exactly as configured: no other key, no part or extension
 * of one, nothing empty or missing. (That the comparison takes constant time cannot be shown by a
 * test that times it; the adapter's code says how it does it.)
 */
public abstract class PublisherKeysContract {

    protected static final String KEY = "pk_live_7f3a9c1e5b2d4f60";
    protected static final String SECOND_KEY = "pk_live_51c0de5eed5a1t00";
    protected static final String OTHER_KEY = "pk_live_0000000000000000";

    /** Keys that accept exactly {@code keys} (each at least 16 characters); none: no keys. */
    protected abstract PublisherKeys keysFor(List<String> keys);

    @Test
    void withKeys_isConfigured() {
        assertThat(keysFor(List.of(KEY)).configured()).isTrue();
    }

    @Test
    void everyConfiguredKey_isAccepted() {
        PublisherKeys keys = keysFor(List.of(KEY, SECOND_KEY));

        assertThat(keys.accepts(KEY)).isTrue();
        assertThat(keys.accepts(SECOND_KEY)).isTrue();
    }

    @Test
    void aKeyNotConfigured_isRefused() {
        assertThat(keysFor(List.of(KEY, SECOND_KEY)).accepts(OTHER_KEY)).isFalse();
    }

    @Test
    void aPrefixSuffixOrExtensionOfAKey_isRefused() {
        PublisherKeys keys = keysFor(List.of(KEY));

        assertThat(List.of(
                        KEY.substring(0, KEY.length() - 1),
                        KEY.substring(1),
                        KEY.substring(0, 8),
                        KEY + "0",
                        "0" + KEY,
                        KEY + KEY,
                        KEY + " ",
                        " " + KEY,
                        KEY.toUpperCase(java.util.Locale.ROOT)))
                .noneMatch(keys::accepts);
    }

    @Test
    void emptyOrMissingKey_isRefused_withoutFailing() {
        PublisherKeys keys = keysFor(List.of(KEY));

        assertThat(keys.accepts("")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
    }

    @Test
    void withNoKeys_isNotConfigured_andAcceptsNothing() {
        PublisherKeys keys = keysFor(List.of());

        assertThat(keys.configured()).isFalse();
        assertThat(List.of(KEY, OTHER_KEY, "")).noneMatch(keys::accepts);
        assertThat(keys.accepts(null)).isFalse();
    }
}
