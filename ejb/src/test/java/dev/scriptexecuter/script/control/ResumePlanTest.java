package dev.scriptexecuter.script.control;

import dev.scriptexecuter.script.entity.MisfirePolicy;
import dev.scriptexecuter.script.entity.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ResumePlanTest {

    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    /** Every 10 minutes from 08:00. */
    private static final Schedule EVERY_TEN = Schedule.interval(Duration.ofMinutes(10), START);
    private static final Instant PAUSED = Instant.parse("2026-12-01T08:05:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T08:47:00Z");

    @Test
    void skipPlansTheNextOccurrenceToCome() {
        assertThat(ResumePlan.next(EVERY_TEN, MisfirePolicy.SKIP, PAUSED, NOW, 100))
                .isEqualTo(Instant.parse("2026-12-01T08:50:00Z"));
    }

    @Test
    void fireOnceCatchesUpTheNewestMissedOccurrence() {
        // missed while paused: 08:10, 08:20, 08:30, 08:40
        assertThat(ResumePlan.next(EVERY_TEN, MisfirePolicy.FIRE_ONCE, PAUSED, NOW, 100))
                .isEqualTo(Instant.parse("2026-12-01T08:40:00Z"));
    }

    @Test
    void fireAllCatchesUpFromTheFirstMissedOccurrenceUpToTheLimit() {
        assertThat(ResumePlan.next(EVERY_TEN, MisfirePolicy.FIRE_ALL, PAUSED, NOW, 100))
                .isEqualTo(Instant.parse("2026-12-01T08:10:00Z"));
        assertThat(ResumePlan.next(EVERY_TEN, MisfirePolicy.FIRE_ALL, PAUSED, NOW, 2))
                .as("the newest two").isEqualTo(Instant.parse("2026-12-01T08:30:00Z"));
    }

    @Test
    void nothingMissedOrNoPauseStartMeansTheNextOccurrence() {
        Instant shortly = Instant.parse("2026-12-01T08:07:00Z");
        assertThat(ResumePlan.next(EVERY_TEN, MisfirePolicy.FIRE_ALL, PAUSED, shortly, 100))
                .isEqualTo(Instant.parse("2026-12-01T08:10:00Z"));
        assertThat(ResumePlan.next(EVERY_TEN, MisfirePolicy.FIRE_ONCE, null, NOW, 100))
                .as("paused by the server: no catch-up").isEqualTo(Instant.parse("2026-12-01T08:50:00Z"));
        assertThat(ResumePlan.next(Schedule.manual(), MisfirePolicy.FIRE_ALL, PAUSED, NOW, 100)).isNull();
    }
}
