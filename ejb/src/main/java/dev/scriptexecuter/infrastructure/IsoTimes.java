package dev.scriptexecuter.infrastructure;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a time a person submitted (ISO-8601 with an offset) within the years
 * every database here stores: 1970 to 9999. A year such as +999999 is a
 * refusal naming the field, never a database error later. Reads durations
 * too, as ISO-8601 ("PT30S") or short ("30s").
 */
public final class IsoTimes {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private IsoTimes() {
    }

    /** @return null for null or blank text */
    public static Instant parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw RequestRejected.invalid("\"" + field + "\" must be an ISO-8601 time such as \"2027-01-01T08:00:00Z\".")
                    .with("field", field);
        }
        return bounded(field, instant);
    }

    /** Between 1970 and the end of 9999: what every time the application takes must be. */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    public static Instant bounded(String field, Instant instant) {
        if (!inRange(instant)) {
            throw RequestRejected.invalid("\"" + field + "\" must be between 1970 and the end of 9999.")
                    .with("field", field);
        }
        return instant;
    }

    /** An ISO-8601 duration ("PT30S") or a short form ("500ms", "30s", "5m", "1h", "2d"). */
    public static Optional<Duration> duration(String text) {
        Matcher shortForm = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return Optional.of(switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return Optional.empty(); // not a duration, or one too long to compute with
        }
    }
}
