package io.incidentstream.application.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The close-code catalogue says what the protocol's table says, and a closing cannot contradict it. */
class CloseCodeTest {

    @Test
    void everyCode_hasTheNumberAndAdviceOfTheProtocolTable() {
        assertThat(Arrays.stream(CloseCode.values()).map(code -> code.code() + ":" + code.reconnect()))
                .containsExactly(
                        "1000:false",
                        "1001:true",
                        "1008:false",
                        "1009:false",
                        "1011:true",
                        "1012:true",
                        "1013:true",
                        "4000:true",
                        "4001:false",
                        "4008:true",
                        "4029:true");
    }

    @Test
    void closing_takesReconnectFromItsCode() {
        assertThat(CloseCode.UNAUTHENTICATED.closing("token expired").reconnect())
                .isFalse();
        assertThat(CloseCode.SLOW_CONSUMER.closing("slow consumer").reconnect()).isTrue();
    }

    @Test
    void closing_carriesTheSuggestedDelay_orNone() {
        Closing shutdown = CloseCode.GOING_AWAY.closing("server shutting down", 1500);

        assertThat(shutdown.code()).isEqualTo(CloseCode.GOING_AWAY);
        assertThat(shutdown.retryAfterMs()).isEqualTo(1500L);
        assertThat(CloseCode.IDLE_TIMEOUT.closing("idle").retryAfterMs()).isNull();
    }

    @Test
    void closing_needsACodeAndAReason() {
        assertThatThrownBy(() -> new Closing(null, "why", null)).hasMessage("code");
        assertThatThrownBy(() -> new Closing(CloseCode.NORMAL, null, null)).hasMessage("reason");
    }
}
