package dev.scriptexecuter.script.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {

    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private final Schedule everyThirtySeconds = Schedule.interval(Duration.ofSeconds(30), START);

    @Test
    void intervalFirstFiresAtItsStart() {
        assertThat(everyThirtySeconds.firstAtOrAfter(Instant.parse("2026-11-30T00:00:00Z"))).contains(START);
        assertThat(everyThirtySeconds.firstAtOrAfter(START)).contains(START);
    }

    @Test
    void intervalOccurrencesStayOnTheGridOfItsStart() {
        assertThat(everyThirtySeconds.firstAtOrAfter(Instant.parse("2026-12-01T08:00:01Z")))
                .contains(Instant.parse("2026-12-01T08:00:30Z"));
        assertThat(everyThirtySeconds.firstAtOrAfter(Instant.parse("2026-12-01T09:17:30Z")))
                .contains(Instant.parse("2026-12-01T09:17:30Z"));
        assertThat(everyThirtySeconds.firstAfter(Instant.parse("2026-12-01T09:17:30Z")))
                .contains(Instant.parse("2026-12-01T09:18:00Z"));
    }

    @Test
    void aLateFiringDoesNotShiftTheGrid() {
        Instant fiveMillisLate = Instant.parse("2026-12-01T08:00:30.005Z");
        assertThat(everyThirtySeconds.firstAfter(fiveMillisLate)).contains(Instant.parse("2026-12-01T08:01:00Z"));
    }

    @Test
    void whatCameDueSinceAFireTimeIsItAndEveryOccurrenceUpToNowTheNewestKept() {
        Instant due = Instant.parse("2026-12-01T08:00:30Z");
        assertThat(everyThirtySeconds.dueFrom(due, Instant.parse("2026-12-01T08:01:59Z"), 100)).containsExactly(due,
                Instant.parse("2026-12-01T08:01:00Z"), Instant.parse("2026-12-01T08:01:30Z"));
        assertThat(everyThirtySeconds.dueFrom(due, Instant.parse("2026-12-01T08:02:00Z"), 2))
                .containsExactly(Instant.parse("2026-12-01T08:01:30Z"), Instant.parse("2026-12-01T08:02:00Z"));
        assertThat(everyThirtySeconds.dueFrom(due, due, 100)).containsExactly(due);
    }

    @Test
    void cronUsesItsTimeZone() {
        Schedule daily = Schedule.cron(CronExpression.parse("0 0 8 * * *"), ZoneId.of("Europe/Berlin"));
        assertThat(daily.firstAtOrAfter(Instant.parse("2026-07-01T00:00:00Z")))
                .contains(Instant.parse("2026-07-01T06:00:00Z"));
        assertThat(daily.firstAtOrAfter(Instant.parse("2026-12-01T00:00:00Z")))
                .contains(Instant.parse("2026-12-01T07:00:00Z"));
    }

    @Test
    void manualNeverFires() {
        assertThat(Schedule.manual().firstAtOrAfter(START)).isEmpty();
    }

    @Test
    void equalSchedulesAreEqual() {
        assertThat(Schedule.interval(Duration.ofSeconds(30), START)).isEqualTo(everyThirtySeconds);
        assertThat(Schedule.interval(Duration.ofSeconds(31), START)).isNotEqualTo(everyThirtySeconds);
    }
}
