package dev.scriptexecuter.incident.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class UsualDurationTest {

    @Test
    void theP95IsTheNearestRankOnceThereAreEnoughRuns() {
        List<Duration> twenty = IntStream.rangeClosed(1, 20).mapToObj(Duration::ofSeconds).toList();
        assertThat(UsualDuration.p95(twenty, 5)).contains(Duration.ofSeconds(19));
        assertThat(UsualDuration.p95(List.of(Duration.ofSeconds(3), Duration.ofSeconds(1)), 2))
                .contains(Duration.ofSeconds(3));
        assertThat(UsualDuration.p95(twenty.subList(0, 4), 5)).as("too few to say").isEmpty();
    }

    @Test
    void aRunIsSlowBeyondTheFactorAndTheFloorBoth() {
        Duration usual = Duration.ofMillis(200);
        assertThat(UsualDuration.slow(Duration.ofSeconds(2), usual, 3, Duration.ofSeconds(1))).isTrue();
        assertThat(UsualDuration.slow(Duration.ofMillis(900), usual, 3, Duration.ofSeconds(1))).as("under the floor")
                .isFalse();
        assertThat(UsualDuration.slow(Duration.ofSeconds(5), Duration.ofSeconds(2), 3, Duration.ofSeconds(1)))
                .as("not three times its usual").isFalse();
    }
}
