package dev.scriptexecuter.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** Errors the JAX-RS runtime raises itself (unknown path, wrong method or media type) as problem+json. */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    Request request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (exception.getCause() != null && status == 400) {
            return MalformedBodyMapper.malformed();
        }
        if (status == 403) {
            return ForbiddenMapper.forbidden();
        }
        Response problem = Problems.response(status, "http-" + status, Problems.title(status),
                Problems.sentence(status, request.getMethod()));
        String allow = original.getHeaderString("Allow");
        return allow == null ? problem : Response.fromResponse(problem).header("Allow", allow).build();
    }
}
