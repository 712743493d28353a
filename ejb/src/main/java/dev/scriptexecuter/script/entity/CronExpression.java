package dev.scriptexecuter.script.entity;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A cron expression with seconds: {@code second minute hour day-of-month month day-of-week}.
 * Five-field Unix cron is accepted too and fires at second 0. Fields take
 * {@code *}, {@code ?}, lists, ranges, steps and English names (JAN, MON).
 * As in Unix cron, when both day fields are restricted a day matching either fires.
 */
public final class CronExpression {

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
        "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final int SEARCH_YEARS = 5;

    private final String text;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronExpression(String text, List<String> fields) {
        this.text = text;
        seconds = new CronField("second", 0, 59, null).parse(fields.get(0));
        minutes = new CronField("minute", 0, 59, null).parse(fields.get(1));
        hours = new CronField("hour", 0, 23, null).parse(fields.get(2));
        daysOfMonth = new CronField("day-of-month", 1, 31, null).parse(fields.get(3));
        months = new CronField("month", 1, 12, MONTHS).parse(fields.get(4));
        BitSet weekDays = new CronField("day-of-week", 0, 7, DAYS).parse(fields.get(5));
        if (weekDays.get(7)) {
            weekDays.set(0);
        }
        daysOfWeek = weekDays;
        anyDayOfMonth = isWildcard(fields.get(3));
        anyDayOfWeek = isWildcard(fields.get(5));
    }

    /** Parses the expression or throws IllegalArgumentException with a sentence saying what is wrong. */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The cron expression is empty.");
        }
        List<String> fields = List.of(text.trim().split("\\s+"));
        if (fields.size() == 5) {
            fields = new java.util.ArrayList<>(fields);
            fields.addFirst("0");
        } else if (fields.size() != 6) {
            throw new IllegalArgumentException("The cron expression '" + text + "' has " + fields.size()
                    + " fields; write 6 (second minute hour day-of-month month day-of-week)"
                    + " or 5 (Unix cron, without seconds).");
        }
        return new CronExpression(text.trim(), fields);
    }

    /**
     * The first time at or after {@code from} (rounded up to a whole second) that matches, if any within five
     * years. Matching is on the wall clock of {@code from}'s zone: a time that the clock passes twice when it goes
     * back fires once (at its first passing), a time that the clock skips when it goes forward fires at the
     * moment after the jump.
     */
    public Optional<ZonedDateTime> nextAtOrAfter(ZonedDateTime from) {
        ZoneId zone = from.getZone();
        Instant start = from.toInstant();
        LocalDateTime t = from.toLocalDateTime();
        t = t.getNano() == 0 ? t : t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LocalDateTime limit = t.plusYears(SEARCH_YEARS);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                ZonedDateTime candidate = ZonedDateTime.ofLocal(t, zone, null);
                if (!candidate.toInstant().isBefore(start)) {
                    return Optional.of(candidate);
                }
                t = t.plusSeconds(1);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (!anyDayOfMonth && !anyDayOfWeek) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static boolean isWildcard(String field) {
        return field.equals("*") || field.equals("?");
    }

    @Override
    public String toString() {
        return text;
    }

    /** One field of the expression, parsed into the set of values it allows. */
    private record CronField(String name, int min, int max, String[] names) {

        BitSet parse(String field) {
            BitSet values = new BitSet(max + 1);
            for (String item : field.split(",", -1)) {
                parseItem(item, values);
            }
            return values;
        }

        private void parseItem(String item, BitSet values) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1));
                if (step < 1) {
                    throw problem("the step in '" + item + "' must be at least 1");
                }
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", 2);
                from = value(bounds[0]);
                to = value(bounds[1]);
                if (from > to) {
                    throw problem("the range '" + range + "' runs backwards");
                }
            } else {
                from = value(range);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }

        private int value(String token) {
            if (names != null) {
                String upper = token.toUpperCase(Locale.ROOT);
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals(upper)) {
                        return i + min;
                    }
                }
            }
            int v = number(token);
            if (v < min || v > max) {
                throw problem("the value " + v + " is outside " + min + "-" + max);
            }
            return v;
        }

        private int number(String token) {
            try {
                return Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw problem("'" + token + "' is not a number" + (names == null ? "" : " or a name"));
            }
        }

        private IllegalArgumentException problem(String what) {
            return new IllegalArgumentException("In the " + name + " field of the cron expression, " + what + ".");
        }
    }
}
