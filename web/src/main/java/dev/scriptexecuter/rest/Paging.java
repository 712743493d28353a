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
        if (value != null && value.isBlank()) {
            throw RequestRejected.invalid("\"" + name + "\" is empty; leave it out or give a time such as"
                    + " 2027-01-01T08:00:00Z.").with("field", name);
        }
        return IsoTimes.parse(name, value);
    }

    /** Digits, with a minus sign at most: no blank, no {@code +}, no spaces, nothing that would be guessed. */
    public static int number(String name, String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (!value.matches("-?[0-9]{1,10}")) {
            throw notANumber(name, value);
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw notANumber(name, value);
        }
    }

    private static RequestRejected notANumber(String name, String value) {
        return RequestRejected.invalid("\"" + name + "\" must be a whole number; \"" + value + "\" is not one.")
                .with("field", name);
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
