package dev.scriptexecuter.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.core.Response;

/** Errors the JAX-RS runtime raises itself (unknown path, wrong method or media type) as problem+json. */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        String reason = original.getStatusInfo().getReasonPhrase();
        if (exception.getCause() != null && status == 400) {
            return Problems.response(400, "malformed-body", "Malformed request body",
                    "The request body is not valid JSON of the expected shape: "
                            + MalformedBodyMapper.rootMessage(exception.getCause()));
        }
        if (status == 403) {
            return ForbiddenMapper.forbidden();
        }
        return Problems.response(status, "http-" + status, reason, exception.getMessage());
    }
}
