package io.incidentstream.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router.Endpoint list = exchange -> { };
    private final Router.Endpoint create = exchange -> { };
    private final Router.Endpoint one = exchange -> { };
    private final Router router = new Router()
            .route("GET", "/items", list)
            .route("POST", "/items", create)
            .route("GET", "/items/{id}", one);

    @Test
    void exactPath_resolvesByMethod() {
        assertThat(router.resolve("GET", "/items").endpoint()).isSameAs(list);
        assertThat(router.resolve("POST", "/items").endpoint()).isSameAs(create);
    }

    @Test
    void templatePath_capturesItsLastSegment() {
        Router.Match match = router.resolve("GET", "/items/42");

        assertThat(match.endpoint()).isSameAs(one);
        assertThat(match.parameter()).isEqualTo("42");
    }

    @Test
    void templatePath_needsExactlyOneNonEmptySegment() {
        assertThat(router.resolve("GET", "/items/").pathKnown()).isFalse();
        assertThat(router.resolve("GET", "/items/42/notes").pathKnown()).isFalse();
    }

    @Test
    void knownPathWithOtherMethod_listsTheAllowedOnes() {
        Router.Match match = router.resolve("DELETE", "/items");

        assertThat(match.found()).isFalse();
        assertThat(match.pathKnown()).isTrue();
        assertThat(match.allowed()).containsExactlyInAnyOrder("GET", "POST");
    }

    @Test
    void routingTheSameMethodAndPathTwice_isAMistake() {
        assertThatThrownBy(() -> router.route("GET", "/items", list)).isInstanceOf(IllegalStateException.class);
    }
}
