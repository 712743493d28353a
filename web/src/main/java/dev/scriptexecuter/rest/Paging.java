package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.RequestRejected;

/** Reads {@code offset} and {@code limit} query parameters, refusing non-numbers with a sentence. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;

    private Paging() {
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
