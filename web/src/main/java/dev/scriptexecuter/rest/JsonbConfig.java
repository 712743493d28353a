package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.StrictJsonb;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** The API reads and writes JSON with {@link StrictJsonb}. */
@Provider
public class JsonbConfig implements ContextResolver<Jsonb> {

    @Override
    public Jsonb getContext(Class<?> type) {
        return StrictJsonb.get();
    }
}
