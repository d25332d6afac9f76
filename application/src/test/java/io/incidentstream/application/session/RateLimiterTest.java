package io.incidentstream.application.session;

import static io.incidentstream.application.session.RateLimiter.Verdict.ALLOW;
import static io.incidentstream.application.session.RateLimiter.Verdict.CLOSE;
import static io.incidentstream.application.session.RateLimiter.Verdict.REFUSE;
import static io.incidentstream.application.session.RateLimiter.Verdict.REFUSE_AND_NOTIFY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A token bucket of one second's allowance; refusals are notified once a second; sustained excess closes. */
class RateLimiterTest {

    /** A whole second, so that "the same second" is unambiguous. */
    private static final long T0 = 1_714_564_800_000L;

    private final RateLimiter limiter = new RateLimiter(5, 3, T0);

    @Test
    void allowsPerSecondMessages_inOneSecond() {
        assertThat(checks(5, T0)).containsOnly(ALLOW).hasSize(5);
    }

    @Test
    void oneTooMany_isRefusedAndNotified_thenRefusedQuietlyInTheSameSecond() {
        checks(5, T0);

        assertThat(limiter.check(T0)).isEqualTo(REFUSE_AND_NOTIFY);
        assertThat(limiter.check(T0 + 10)).isEqualTo(REFUSE);
        assertThat(limiter.check(T0 + 100)).isEqualTo(REFUSE);
    }

    @Test
    void refills_withTime() {
        checks(5, T0);

        assertThat(limiter.check(T0 + 200)).isEqualTo(ALLOW);
        assertThat(limiter.check(T0 + 200)).isEqualTo(REFUSE_AND_NOTIFY);
        assertThat(checks(5, T0 + 1_400)).containsOnly(ALLOW);
    }

    @Test
    void refill_neverExceedsOneSecondsAllowance() {
        checks(5, T0);

        assertThat(checks(6, T0 + 60_000)).containsExactly(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, REFUSE_AND_NOTIFY);
    }

    @Test
    void refusedForCloseAfterSeconds_closes() {
        assertThat(excessFor(0)).isEqualTo(REFUSE_AND_NOTIFY);
        assertThat(excessFor(1)).isEqualTo(REFUSE_AND_NOTIFY);
        assertThat(excessFor(2)).isEqualTo(REFUSE_AND_NOTIFY);

        assertThat(excessFor(3)).isEqualTo(CLOSE);
    }

    /** The bug this replaced: a flood starting late in a clock second was closed after 1.45 of 3 seconds. */
    @Test
    void aRunStartingLateInAClockSecond_isMeasuredFromItsFirstRefusal() {
        long start = T0 + 900;
        checks(5, start);
        assertThat(limiter.check(start)).isEqualTo(REFUSE_AND_NOTIFY);
        long closedAt = -1;
        boolean notifiedAgain = false;
        for (long t = start + 10; t < start + 4_000 && closedAt < 0; t += 10) {
            RateLimiter.Verdict verdict = limiter.check(t);
            notifiedAgain |= verdict == REFUSE_AND_NOTIFY;
            closedAt = verdict == CLOSE ? t : -1;
        }

        assertThat(notifiedAgain).isTrue();
        assertThat(closedAt - start).isBetween(3_000L, 3_010L);
    }

    @Test
    void afterClosing_furtherExcessIsRefusedQuietly() {
        excessFor(0);
        excessFor(1);
        excessFor(2);
        excessFor(3);

        assertThat(limiter.check(T0 + 3_000)).isEqualTo(REFUSE);
        assertThat(excessFor(4)).isEqualTo(REFUSE);
        assertThat(excessFor(5)).isEqualTo(REFUSE);
    }

    @Test
    void aQuietSecond_resetsTheRun() {
        excessFor(0);
        excessFor(1);
        assertThat(checks(5, T0 + 2_000)).containsOnly(ALLOW);

        assertThat(excessFor(3)).isEqualTo(REFUSE_AND_NOTIFY);
        assertThat(excessFor(4)).isEqualTo(REFUSE_AND_NOTIFY);
        assertThat(excessFor(5)).isEqualTo(REFUSE_AND_NOTIFY);
        assertThat(excessFor(6)).isEqualTo(CLOSE);
    }

    @Test
    void aSecondWithoutAnyMessage_alsoResetsTheRun() {
        excessFor(0);
        excessFor(1);

        assertThat(excessFor(3)).isEqualTo(REFUSE_AND_NOTIFY);
    }

    /** Six messages at the start of second {@code second}: the verdict on the sixth. */
    private RateLimiter.Verdict excessFor(int second) {
        long now = T0 + second * 1_000L;
        assertThat(checks(5, now)).containsOnly(ALLOW);
        return limiter.check(now);
    }

    private List<RateLimiter.Verdict> checks(int count, long now) {
        List<RateLimiter.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            verdicts.add(limiter.check(now));
        }
        return verdicts;
    }
}
