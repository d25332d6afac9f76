package io.incidentstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PublisherKeys#NONE}: publishing is open, so no key is configured, and none is accepted
 * either (an open server does not ask; one that asks must not take any key).
 */
class PublisherKeysNoneTest {

    @Test
    void none_isNotConfigured() {
        assertThat(PublisherKeys.NONE.configured()).isFalse();
    }

    @Test
    void none_acceptsNoKey_emptyOrMissingIncluded() {
        assertThat(List.of(PublisherKeysContract.KEY, PublisherKeysContract.OTHER_KEY, ""))
                .noneMatch(PublisherKeys.NONE::accepts);
        assertThat(PublisherKeys.NONE.accepts(null)).isFalse();
    }
}
