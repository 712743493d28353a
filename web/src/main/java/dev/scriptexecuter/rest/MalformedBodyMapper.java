package dev.scriptexecuter.rest;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.core.Response;

/** A request body that is not JSON, or not JSON of the expected shape: 400 with the parser's reason. */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException exception) {
        return Problems.response(400, "malformed-body", "Malformed request body",
                "The request body is not valid JSON of the expected shape: " + rootMessage(exception));
    }

    public static String rootMessage(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause instanceof ProcessingException || cause instanceof JsonbException
                || cause.getCause() instanceof JsonException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
