package io.incidentstream.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable.Endpoint list = exchange -> {};
    private final RouteTable.Endpoint create = exchange -> {};
    private final RouteTable.Endpoint one = exchange -> {};
    private final RouteTable routes = new RouteTable()
            .route("GET", "/items", list)
            .route("POST", "/items", create)
            .route("GET", "/items/{id}", one);

    @Test
    void exactPath_resolvesByMethod() {
        assertThat(routes.resolve("GET", "/items").endpoint()).isSameAs(list);
        assertThat(routes.resolve("POST", "/items").endpoint()).isSameAs(create);
    }

    @Test
    void templatePath_capturesItsLastSegment() {
        RouteTable.Match match = routes.resolve("GET", "/items/42");

        assertThat(match.endpoint()).isSameAs(one);
        assertThat(match.parameter()).isEqualTo("42");
    }

    @Test
    void templatePath_needsExactlyOneNonEmptySegment() {
        assertThat(routes.resolve("GET", "/items/").pathKnown()).isFalse();
        assertThat(routes.resolve("GET", "/items/42/notes").pathKnown()).isFalse();
    }

    @Test
    void knownPathWithOtherMethod_listsTheAllowedOnes() {
        RouteTable.Match match = routes.resolve("DELETE", "/items");

        assertThat(match.found()).isFalse();
        assertThat(match.pathKnown()).isTrue();
        assertThat(match.allowed()).containsExactlyInAnyOrder("GET", "HEAD", "POST");
    }

    @Test
    void head_isServedByTheGetEndpoint_andOnlyWhereThereIsOne() {
        RouteTable onlyPost = new RouteTable().route("POST", "/things", create);

        assertThat(routes.resolve("HEAD", "/items").endpoint()).isSameAs(list);
        assertThat(routes.resolve("HEAD", "/items/42").endpoint()).isSameAs(one);
        assertThat(routes.resolve("HEAD", "/items/42").parameter()).isEqualTo("42");
        assertThat(onlyPost.resolve("HEAD", "/things").found()).isFalse();
        assertThat(onlyPost.resolve("HEAD", "/things").allowed()).containsExactly("POST");
    }

    @Test
    void routingTheSameMethodAndPathTwice_isAMistake() {
        assertThatThrownBy(() -> routes.route("GET", "/items", list)).isInstanceOf(IllegalStateException.class);
    }
}
