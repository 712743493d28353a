package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.core.Response;

/**
 * Requests the application refused: invalid (400), not logged in (401), not allowed (403), unknown (404),
 * conflicting (409), stale (412), too large (413), unconditional where a condition is required (428),
 * throttled (429).
 */
@Provider
public class RequestRejectedMapper implements ExceptionMapper<RequestRejected> {

    @Override
    public Response toResponse(RequestRejected rejected) {
        int status = rejected.reason().status();
        String type = rejected.reason().name().toLowerCase().replace('_', '-');
        Response problem = Problems.response(status, type, rejected.title(), rejected.getMessage(), rejected.details());
        Object retryAfter = rejected.details().get("retryAfter");
        Object etag = rejected.details().get("etag");
        if (retryAfter == null && etag == null) {
            return problem;
        }
        // the current tag comes with a refused conditional write, so that a client can decide without reading again
        return Response.fromResponse(problem).header("Retry-After", retryAfter).header("ETag", etag).build();
    }
}
