package dev.scriptexecuter.script.control;

import dev.scriptexecuter.infrastructure.IsoTimes;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScheduleSpec;
import dev.scriptexecuter.script.entity.CronExpression;
import dev.scriptexecuter.script.entity.Schedule;
import dev.scriptexecuter.script.entity.ScheduleKind;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Turns a {@link ScheduleSpec} as people write it into a {@link Schedule}, or
 * rejects it with a sentence that says what to write instead.
 */
public class ScheduleParser {

    private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);
    /** Five years, as far ahead as a cron expression is searched: an interval beyond it never fires in practice. */
    static final Duration LONGEST_INTERVAL = Duration.ofDays(5 * 366);
    static final int MAX_CRON = 200;
    static final int MAX_TEXT = 64;

    /**
     * @param previous the script's current schedule, whose first-run time an
     *                 interval without {@code startAt} keeps; null for a new script
     */
    public Schedule parse(ScheduleSpec spec, Schedule previous, Instant now) {
        if (spec == null) {
            return Schedule.manual();
        }
        if (spec.kind() == null || spec.kind().isBlank()) {
            if (spec.every() != null || spec.cron() != null || spec.startAt() != null) {
                throw invalid("kind", "The schedule needs a \"kind\": \"interval\", \"cron\" or \"manual\".");
            }
            return Schedule.manual();
        }
        checkLength("kind", spec.kind(), MAX_TEXT);
        checkLength("every", spec.every(), MAX_TEXT);
        checkLength("startAt", spec.startAt(), MAX_TEXT);
        checkLength("cron", spec.cron(), MAX_CRON);
        checkLength("timezone", spec.timezone(), MAX_TEXT);
        return switch (spec.kind().trim().toLowerCase(Locale.ROOT)) {
            case "manual" -> Schedule.manual();
            case "interval" -> interval(spec, previous, now);
            case "cron" -> cron(spec, now);
            default -> throw invalid("kind", "The schedule kind '" + spec.kind()
                    + "' is unknown; use \"interval\", \"cron\" or \"manual\".");
        };
    }

    private Schedule interval(ScheduleSpec spec, Schedule previous, Instant now) {
        if (spec.every() == null || spec.every().isBlank()) {
            throw invalid("every", "An interval schedule needs \"every\", an ISO-8601 duration such as \"PT30S\".");
        }
        Duration every = duration(spec.every().trim());
        if (every.compareTo(SHORTEST_INTERVAL) < 0 || every.compareTo(LONGEST_INTERVAL) > 0) {
            throw invalid("every", "The interval \"every\" must be at least one second and at most " + LONGEST_INTERVAL.toDays()
                    + " days (P" + LONGEST_INTERVAL.toDays() + "D); it is " + every + ".");
        }
        Instant startAt;
        if (spec.startAt() != null && !spec.startAt().isBlank()) {
            startAt = instant(spec.startAt().trim());
        } else if (previous != null && previous.kind() == ScheduleKind.INTERVAL && every.equals(previous.every())) {
            startAt = previous.startAt();
        } else {
            startAt = now;
        }
        return Schedule.interval(every, startAt);
    }

    private Schedule cron(ScheduleSpec spec, Instant now) {
        CronExpression cron;
        try {
            cron = CronExpression.parse(spec.cron());
        } catch (IllegalArgumentException e) {
            throw invalid("cron", e.getMessage());
        }
        ZoneId zone = zone(spec.timezone());
        Schedule schedule = Schedule.cron(cron, zone);
        if (schedule.firstAtOrAfter(now).isEmpty()) {
            throw invalid("cron", "The cron expression '" + cron + "' matches no date in the next five years.");
        }
        return schedule;
    }

    private static Duration duration(String text) {
        return IsoTimes.duration(text).orElseThrow(() -> invalid("every", "The interval \"every\" must be an ISO-8601 duration such"
                + " as \"PT30S\" or \"PT5M\" (or a short form such as \"30s\", \"5m\", \"1h\"); \"" + text
                + "\" is not one."));
    }

    private static Instant instant(String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                instant = java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw invalid("startAt", "\"startAt\" must be an ISO-8601 time such as \"2026-12-01T08:00:00Z\"; \""
                        + text + "\" is not one.");
            }
        }
        try {
            return IsoTimes.bounded("schedule.startAt", instant);
        } catch (RequestRejected e) {
            throw invalid("startAt", "\"startAt\" must be between 1970 and the end of 9999; it is " + text + ".");
        }
    }

    private static void checkLength(String field, String text, int limit) {
        if (text != null && text.length() > limit) {
            throw invalid(field, "The schedule's \"" + field + "\" is " + text.length() + " characters long; the limit is "
                    + limit + ".");
        }
    }

    private static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            throw invalid("timezone", "The time zone '" + timezone + "' is unknown; use a name such as \"Europe/Berlin\" or \"UTC\".");
        }
    }

    private static RequestRejected invalid(String field, String detail) {
        return RequestRejected.invalid(detail).with("field", "schedule." + field);
    }
}
