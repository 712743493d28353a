package dev.scriptexecuter.rest;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body the platform could not read before an endpoint saw it: 400. The
 * platform's reason is not repeated, since it may name its own classes;
 * JSON bodies are read by {@link StrictJsonReader}, whose refusals say more.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    static final String DETAIL = "The request body cannot be read: it is not JSON of the shape this endpoint takes"
            + " (see /openapi).";

    @Override
    public Response toResponse(ProcessingException exception) {
        return malformed();
    }

    static Response malformed() {
        return Problems.response(400, "malformed-body", "Malformed request body", DETAIL);
    }
}
