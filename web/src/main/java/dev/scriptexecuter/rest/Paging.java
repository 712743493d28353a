package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.RequestRejected;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads query parameters (numbers, times), refusing bad ones with a sentence. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;

    private Paging() {
    }

    /** An ISO-8601 time such as 2026-12-01T08:00:00Z, or null when absent. */
    public static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw RequestRejected.invalid("\"" + name + "\" must be an ISO-8601 time such as \"2026-12-01T08:00:00Z\".");
        }
    }

    public static int number(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw RequestRejected.invalid("\"" + name + "\" must be a whole number; \"" + value + "\" is not one.");
        }
    }
}
