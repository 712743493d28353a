package dev.scriptexecuter.infrastructure;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * JSON-B as the API writes JSON: every documented field is written,
 * {@code null} included. Request bodies are read by {@link JsonText} and
 * {@link JsonBinder}, which refuse what JSON-B would guess at.
 */
public final class StrictJsonb {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private StrictJsonb() {
    }

    public static Jsonb get() {
        return JSONB;
    }
}
