package dev.scriptexecuter.security.web;

import dev.scriptexecuter.infrastructure.RequestRejected;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * How long a new API key lasts, as the API keys page offers it: a span from now, no end, or until a date the
 * browser's date field gave (the key stops working at 00:00 UTC that day). Only turns the choice into the
 * ISO-8601 instant the boundary takes; whether that instant is acceptable (in the future, before 10000) is
 * the boundary's to say.
 */
public enum KeyLifetime {

    DAYS_30("30 days"),
    DAYS_90("90 days"),
    ONE_YEAR("1 year"),
    NEVER("never: until revoked"),
    ON_DATE("until a date");

    private final String label;

    KeyLifetime(String label) {
        this.label = label;
    }

    public String getLabel() {
        return label;
    }

    /**
     * @param now  when the key is made
     * @param date the date field's text (yyyy-MM-dd), read only for {@link #ON_DATE}
     * @return when the key expires, ISO-8601, or null for a key that does not expire
     */
    public String expiresAt(Instant now, String date) {
        Instant end = switch (this) {
            case DAYS_30 -> now.plus(Duration.ofDays(30));
            case DAYS_90 -> now.plus(Duration.ofDays(90));
            case ONE_YEAR -> now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant();
            case NEVER -> null;
            case ON_DATE -> startOf(date);
        };
        return end == null ? null : end.toString();
    }

    private static Instant startOf(String date) {
        try {
            return LocalDate.parse(date == null ? "" : date.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw RequestRejected.invalid("Choose the date on which the key stops working, such as "
                    + LocalDate.now(ZoneOffset.UTC).plusDays(30) + ".").with("field", "expiresAt");
        }
    }
}
