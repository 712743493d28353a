package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.IsoTimes;
import dev.scriptexecuter.infrastructure.RequestRejected;

import java.time.Instant;

/** Reads query parameters (numbers, times, yes/no), refusing bad ones with a sentence that names them. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;

    private Paging() {
    }

    /** An ISO-8601 time such as 2026-12-01T08:00:00Z, or null when absent. */
    public static Instant time(String name, String value) {
        return IsoTimes.parse(name, value);
    }

    public static int number(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw RequestRejected.invalid("\"" + name + "\" must be a whole number; \"" + value + "\" is not one.")
                    .with("field", name);
        }
    }

    /** Exactly {@code true} or {@code false}: {@code 1}, {@code yes} or {@code TRUE } are refused, not guessed. */
    public static boolean flag(String name, String value, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RequestRejected.invalid("\"" + name + "\" must be true or false; \"" + value
                    + "\" is neither.").with("field", name);
        };
    }
}
