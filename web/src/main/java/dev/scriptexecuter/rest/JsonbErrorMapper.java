package dev.scriptexecuter.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.core.Response;

/** JSON-B failures that reach the resource layer unwrapped: the body did not fit. */
@Provider
public class JsonbErrorMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException exception) {
        return MalformedBodyMapper.malformed();
    }
}
