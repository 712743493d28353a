package dev.scriptexecuter.infrastructure;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a time a person submitted (ISO-8601 with an offset) within the years
 * every database here stores: 1970 to 9999. A year such as +999999 is a
 * refusal naming the field, never a database error later.
 */
public final class IsoTimes {

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

    public static Instant bounded(String field, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw RequestRejected.invalid("\"" + field + "\" must be between 1970 and the end of 9999.")
                    .with("field", field);
        }
        return instant;
    }
}
