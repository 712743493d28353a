package dev.scriptexecuter.script.control;

import dev.scriptexecuter.script.entity.Schedule;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A schedule as a sentence for the dashboard: "every 30 s from 2026-12-01 08:00 UTC",
 * "at second 0 of every 5th minute", "at 02:30:00 on MON-FRI (Europe/Berlin)", "manual".
 */
public final class ScheduleWords {

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ScheduleWords() {
    }

    public static String describe(Schedule schedule) {
        return switch (schedule.kind()) {
            case MANUAL -> "manual";
            case INTERVAL -> "every " + duration(schedule.every()) + " from " + START.format(schedule.startAt()) + " UTC";
            case CRON -> cron(schedule.cron()) + (schedule.timezone().getId().equals("UTC") ? ""
                    : " (" + schedule.timezone().getId() + ")");
        };
    }

    static String duration(Duration every) {
        List<String> parts = new ArrayList<>();
        long days = every.toDays();
        if (days > 0) {
            parts.add(days + " d");
        }
        if (every.toHoursPart() > 0) {
            parts.add(every.toHoursPart() + " h");
        }
        if (every.toMinutesPart() > 0) {
            parts.add(every.toMinutesPart() + " min");
        }
        if (every.toSecondsPart() > 0) {
            parts.add(every.toSecondsPart() + " s");
        }
        return parts.isEmpty() ? every.toMillis() + " ms" : String.join(" ", parts);
    }

    static String cron(String expression) {
        String[] f = expression.trim().split("\\s+");
        if (f.length == 5) {
            f = new String[] {"0", f[0], f[1], f[2], f[3], f[4]};
        }
        String time;
        if (isNumber(f[0]) && isNumber(f[1]) && isNumber(f[2])) {
            time = String.format(Locale.ROOT, "at %02d:%02d:%02d", Integer.parseInt(f[2]), Integer.parseInt(f[1]),
                    Integer.parseInt(f[0]));
        } else {
            time = "at " + unit(f[0], "second") + " of " + unit(f[1], "minute") + " of " + unit(f[2], "hour");
            time = time.replace(" of every minute of every hour", "").replace(" of every hour", "");
        }
        List<String> days = new ArrayList<>();
        if (!wild(f[3])) {
            days.add(f[3].startsWith("*/") ? "on " + unit(f[3], "day of the month") : "on day " + f[3] + " of the month");
        }
        if (!wild(f[4])) {
            days.add("in " + unit(f[4], "month").replace("month ", ""));
        }
        if (!wild(f[5])) {
            days.add("on " + f[5].toUpperCase(Locale.ROOT));
        }
        return time + (days.isEmpty() ? " every day" : " " + String.join(" ", days));
    }

    private static String unit(String field, String name) {
        if (wild(field)) {
            return "every " + name;
        }
        if (field.startsWith("*/")) {
            return "every " + ordinal(field.substring(2)) + " " + name;
        }
        return name + " " + field;
    }

    private static String ordinal(String number) {
        return switch (number) {
            case "1" -> "";
            case "2" -> "2nd";
            case "3" -> "3rd";
            default -> number + "th";
        };
    }

    private static boolean wild(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static boolean isNumber(String field) {
        return field.chars().allMatch(Character::isDigit);
    }
}
