package dev.scriptexecuter.environment.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

/** The waits between failed builds of one environment. */
class BuildBackoffTest {

    private final BuildBackoff cut = new BuildBackoff(Duration.ofSeconds(30), Duration.ofMinutes(30));

    @Test
    void theWaitDoublesWithEachFailureInARowUpToTheMaximum() {
        assertThat(cut.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(cut.after(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(cut.after(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(cut.after(7)).isEqualTo(Duration.ofMinutes(30));
        assertThat(cut.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theNextAttemptIsTheWaitAfterTheFailedBuild() {
        Instant failedAt = Instant.parse("2026-03-01T12:00:00Z");

        assertThat(cut.nextAttempt(failedAt, 2)).isEqualTo(Instant.parse("2026-03-01T12:01:00Z"));
    }

    @Test
    void aMaximumBelowTheFirstWaitKeepsTheFirstWait() {
        assertThat(new BuildBackoff(Duration.ofMinutes(10), Duration.ofMinutes(1)).after(5))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void negativeWaitsAreRefused() {
        assertThatThrownBy(() -> new BuildBackoff(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
