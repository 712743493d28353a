package dev.scriptexecuter.script.control;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScheduleSpec;
import dev.scriptexecuter.script.entity.Schedule;
import dev.scriptexecuter.script.entity.ScheduleKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleParserTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final ScheduleParser cut = new ScheduleParser();

    private Schedule parse(ScheduleSpec spec) {
        return cut.parse(spec, null, NOW);
    }

    @Test
    void missingScheduleMeansManual() {
        assertThat(parse(null).kind()).isEqualTo(ScheduleKind.MANUAL);
        assertThat(parse(new ScheduleSpec("MANUAL", null, null, null, null)).kind()).isEqualTo(ScheduleKind.MANUAL);
    }

    @Test
    void intervalWithStartAt() {
        Schedule schedule = parse(new ScheduleSpec("interval", "PT30S", "2026-12-01T08:00:00Z", null, null));
        assertThat(schedule.every()).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.startAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void intervalWithoutStartAtStartsNow() {
        assertThat(parse(new ScheduleSpec("interval", "PT1M", null, null, null)).startAt()).isEqualTo(NOW);
    }

    @Test
    void replacingAnIntervalKeepsItsStartWhenNoneIsGiven() {
        Schedule previous = Schedule.interval(Duration.ofMinutes(1), Instant.parse("2026-01-01T00:00:00Z"));
        Schedule same = cut.parse(new ScheduleSpec("interval", "1m", null, null, null), previous, NOW);
        assertThat(same).isEqualTo(previous);
        Schedule other = cut.parse(new ScheduleSpec("interval", "2m", null, null, null), previous, NOW);
        assertThat(other.startAt()).isEqualTo(NOW);
    }

    @Test
    void shortDurationsAreAccepted() {
        assertThat(parse(new ScheduleSpec("interval", "30s", null, null, null)).every()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse(new ScheduleSpec("interval", "5m", null, null, null)).every()).isEqualTo(Duration.ofMinutes(5));
        assertThat(parse(new ScheduleSpec("interval", "2h", null, null, null)).every()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void cronWithTimeZone() {
        Schedule schedule = parse(new ScheduleSpec("cron", null, null, "0 */5 * * * *", "Europe/Berlin"));
        assertThat(schedule.cron()).isEqualTo("0 */5 * * * *");
        assertThat(schedule.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(parse(new ScheduleSpec("cron", null, null, "*/5 * * * *", null)).timezone().getId()).isEqualTo("UTC");
    }

    @Test
    void badSchedulesAreRefusedWithASentence() {
        assertRefused(new ScheduleSpec("weekly", null, null, null, null), "The schedule kind 'weekly' is unknown");
        assertRefused(new ScheduleSpec(null, "PT30S", null, null, null), "The schedule needs a \"kind\"");
        assertRefused(new ScheduleSpec("interval", null, null, null, null), "needs \"every\"");
        assertRefused(new ScheduleSpec("interval", "soon", null, null, null), "\"soon\" is not one");
        assertRefused(new ScheduleSpec("interval", "PT0.5S", null, null, null), "at least one second");
        assertRefused(new ScheduleSpec("interval", "PT1M", "tomorrow", null, null), "\"startAt\" must be an ISO-8601 time");
        assertRefused(new ScheduleSpec("cron", null, null, "0 99 * * * *", null), "minute field");
        assertRefused(new ScheduleSpec("cron", null, null, null, null), "The cron expression is empty.");
        assertRefused(new ScheduleSpec("cron", null, null, "0 0 * * * *", "Mars/Olympus"), "time zone 'Mars/Olympus' is unknown");
        assertRefused(new ScheduleSpec("cron", null, null, "0 0 0 31 2 *", null), "matches no date");
    }

    @Test
    void durationsAndTimesOutOfRangeAreRefusedNamingTheField() {
        assertRefusedAt(new ScheduleSpec("interval", "PT9223372036854775807S", null, null, null), "schedule.every",
                "at most 1830 days");
        assertRefusedAt(new ScheduleSpec("interval", "99999999999999999999999s", null, null, null), "schedule.every",
                "ISO-8601 duration");
        assertRefusedAt(new ScheduleSpec("interval", "106751991167301d", null, null, null), "schedule.every",
                "ISO-8601 duration");
        assertRefusedAt(new ScheduleSpec("interval", "PT1M", "+999999-01-01T00:00:00Z", null, null), "schedule.startAt",
                "between 1970 and the end of 9999");
        assertRefusedAt(new ScheduleSpec("interval", "PT1M", "1969-12-31T23:59:59Z", null, null), "schedule.startAt",
                "between 1970");
        assertThat(parse(new ScheduleSpec("interval", "P1830D", null, null, null)).every()).isEqualTo(Duration.ofDays(1830));
    }

    @Test
    void textLongerThanItsColumnIsRefusedBeforeTheDatabase() {
        assertRefusedAt(new ScheduleSpec("cron", null, null, "0 * * * * *" + " ".repeat(5000), null), "schedule.cron",
                "the limit is 200");
        assertRefusedAt(new ScheduleSpec("cron", null, null, "0 * * * * *", "E".repeat(65)), "schedule.timezone",
                "the limit is 64");
    }

    private void assertRefusedAt(ScheduleSpec spec, String field, String expected) {
        assertThatThrownBy(() -> parse(spec))
                .isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.details()).containsEntry("field", field))
                .hasMessageContaining(expected);
    }

    private void assertRefused(ScheduleSpec spec, String expected) {
        assertThatThrownBy(() -> parse(spec))
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(RequestRejected.Reason.INVALID);
                    assertThat(String.valueOf(e.details().get("field"))).startsWith("schedule.");
                })
                .hasMessageContaining(expected);
    }
}
