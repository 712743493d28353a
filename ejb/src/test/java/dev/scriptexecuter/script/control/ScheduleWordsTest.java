package dev.scriptexecuter.script.control;

import dev.scriptexecuter.script.entity.CronExpression;
import dev.scriptexecuter.script.entity.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleWordsTest {

    private static String cron(String expression, String zone) {
        return ScheduleWords.describe(Schedule.cron(CronExpression.parse(expression), ZoneId.of(zone)));
    }

    @Test
    void intervalsSayHowOftenAndFromWhen() {
        Schedule schedule = Schedule.interval(Duration.ofSeconds(30), Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(ScheduleWords.describe(schedule)).isEqualTo("every 30 s from 2026-12-01 08:00 UTC");
        assertThat(ScheduleWords.duration(Duration.parse("PT1H30M"))).isEqualTo("1 h 30 min");
        assertThat(ScheduleWords.duration(Duration.ofDays(2))).isEqualTo("2 d");
    }

    @Test
    void cronsReadAsSentences() {
        assertThat(cron("0 */5 * * * *", "UTC")).isEqualTo("at second 0 of every 5th minute every day");
        assertThat(cron("0 30 2 * * *", "Europe/Berlin")).isEqualTo("at 02:30:00 every day (Europe/Berlin)");
        assertThat(cron("0 0 8 * * mon-fri", "UTC")).isEqualTo("at 08:00:00 on MON-FRI");
        assertThat(cron("15 4 1 1 * *", "UTC")).isEqualTo("at 01:04:15 on day 1 of the month");
        assertThat(cron("*/10 * * * * *", "UTC")).isEqualTo("at every 10th second every day");
    }

    @Test
    void manualIsManual() {
        assertThat(ScheduleWords.describe(Schedule.manual())).isEqualTo("manual");
    }
}
