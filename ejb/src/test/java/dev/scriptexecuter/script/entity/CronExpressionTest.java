package dev.scriptexecuter.script.entity;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronExpressionTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static ZonedDateTime next(String cron, String from) {
        return CronExpression.parse(cron).nextAtOrAfter(ZonedDateTime.parse(from)).orElseThrow();
    }

    @Test
    void everyFiveMinutesAtSecondZero() {
        assertThat(next("0 */5 * * * *", "2026-12-01T08:03:10Z[UTC]"))
                .isEqualTo(ZonedDateTime.parse("2026-12-01T08:05:00Z[UTC]"));
    }

    @Test
    void secondsFieldIsHonoured() {
        assertThat(next("15,45 * * * * *", "2026-12-01T08:00:16Z[UTC]"))
                .isEqualTo(ZonedDateTime.parse("2026-12-01T08:00:45Z[UTC]"));
    }

    @Test
    void aMatchingStartIsItsOwnNextOccurrence() {
        assertThat(next("0 0 12 * * *", "2026-12-01T12:00:00Z[UTC]"))
                .isEqualTo(ZonedDateTime.parse("2026-12-01T12:00:00Z[UTC]"));
    }

    @Test
    void fractionsOfASecondRoundUp() {
        assertThat(next("* * * * * *", "2026-12-01T12:00:00.200Z[UTC]"))
                .isEqualTo(ZonedDateTime.parse("2026-12-01T12:00:01Z[UTC]"));
    }

    @Test
    void fiveFieldUnixCronFiresAtSecondZero() {
        assertThat(next("30 2 * * *", "2026-12-01T03:00:00Z[UTC]"))
                .isEqualTo(ZonedDateTime.parse("2026-12-02T02:30:00Z[UTC]"));
    }

    @Test
    void namesRangesAndStepsCombine() {
        // Mondays to Fridays at 09:00, first Monday after Saturday 2026-12-05 is 2026-12-07
        assertThat(next("0 0 9 * * MON-FRI", "2026-12-05T10:00:00Z[UTC]"))
                .isEqualTo(ZonedDateTime.parse("2026-12-07T09:00:00Z[UTC]"));
        assertThat(next("0 0 0 1 JAN,jul *", "2026-02-01T00:00:00Z[UTC]"))
                .isEqualTo(ZonedDateTime.parse("2026-07-01T00:00:00Z[UTC]"));
        assertThat(next("0 10-40/15 * * * *", "2026-12-01T08:26:00Z[UTC]"))
                .isEqualTo(ZonedDateTime.parse("2026-12-01T08:40:00Z[UTC]"));
    }

    @Test
    void sundayIsZeroOrSeven() {
        ZonedDateTime saturday = ZonedDateTime.parse("2026-12-05T00:00:00Z[UTC]");
        ZonedDateTime sunday = ZonedDateTime.parse("2026-12-06T00:00:00Z[UTC]");
        assertThat(CronExpression.parse("0 0 0 * * 0").nextAtOrAfter(saturday)).contains(sunday);
        assertThat(CronExpression.parse("0 0 0 * * 7").nextAtOrAfter(saturday)).contains(sunday);
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEither() {
        // the 15th or any Monday: from Tuesday 2026-12-08 the 14th (a Monday) comes first
        assertThat(next("0 0 0 15 * MON", "2026-12-08T00:00:00Z[UTC]"))
                .isEqualTo(ZonedDateTime.parse("2026-12-14T00:00:00Z[UTC]"));
    }

    @Test
    void timeZoneDecidesTheWallClock() {
        ZonedDateTime berlin = CronExpression.parse("0 0 8 * * *")
                .nextAtOrAfter(ZonedDateTime.parse("2026-12-01T00:00:00Z").withZoneSameInstant(ZoneId.of("Europe/Berlin")))
                .orElseThrow();
        assertThat(berlin.toInstant()).isEqualTo(ZonedDateTime.parse("2026-12-01T07:00:00Z").toInstant());
    }

    @Test
    void aTimeTheClockPassesTwiceFiresOnce() {
        // Europe/Berlin goes from 03:00 CEST back to 02:00 CET on 2026-10-25: 02:30 happens at 00:30Z and 01:30Z
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        CronExpression cron = CronExpression.parse("0 30 2 * * *");
        ZonedDateTime first = cron.nextAtOrAfter(ZonedDateTime.parse("2026-10-25T00:00:00Z").withZoneSameInstant(berlin))
                .orElseThrow();
        assertThat(first.toInstant()).isEqualTo(ZonedDateTime.parse("2026-10-25T00:30:00Z").toInstant());
        ZonedDateTime second = cron.nextAtOrAfter(first.plusNanos(1_000_000)).orElseThrow();
        assertThat(second.toInstant()).isEqualTo(ZonedDateTime.parse("2026-10-26T01:30:00Z").toInstant());
        ZonedDateTime fromSecondPassing = cron.nextAtOrAfter(
                ZonedDateTime.parse("2026-10-25T01:00:00Z").withZoneSameInstant(berlin)).orElseThrow();
        assertThat(fromSecondPassing.toInstant()).isEqualTo(second.toInstant());
    }

    @Test
    void aTimeTheClockSkipsFiresRightAfterTheJump() {
        // on 2026-03-29 Europe/Berlin jumps from 02:00 CET to 03:00 CEST: 02:30 does not exist that night
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime next = CronExpression.parse("0 30 2 * * *")
                .nextAtOrAfter(ZonedDateTime.parse("2026-03-28T23:00:00Z").withZoneSameInstant(berlin)).orElseThrow();
        assertThat(next.toInstant()).isEqualTo(ZonedDateTime.parse("2026-03-29T01:30:00Z").toInstant());
        ZonedDateTime after = CronExpression.parse("0 30 2 * * *").nextAtOrAfter(next.plusSeconds(1)).orElseThrow();
        assertThat(after.toInstant()).isEqualTo(ZonedDateTime.parse("2026-03-30T00:30:00Z").toInstant());
    }

    @Test
    void impossibleDatesNeverMatch() {
        assertThat(CronExpression.parse("0 0 0 30 2 *").nextAtOrAfter(ZonedDateTime.now(UTC))).isEmpty();
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> CronExpression.parse("* * *"))
                .hasMessageContaining("has 3 fields").hasMessageContaining("6 (second minute hour");
        assertThatThrownBy(() -> CronExpression.parse("0 61 * * * *"))
                .hasMessage("In the minute field of the cron expression, the value 61 is outside 0-59.");
        assertThatThrownBy(() -> CronExpression.parse("0 0 12 * FOO *"))
                .hasMessageContaining("month field").hasMessageContaining("'FOO' is not a number or a name");
        assertThatThrownBy(() -> CronExpression.parse("0 30-10 * * * *")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> CronExpression.parse("*/0 * * * * *")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> CronExpression.parse(" ")).hasMessage("The cron expression is empty.");
    }
}
