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
        int status = switch (rejected.reason()) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case TOO_MANY_REQUESTS -> 429;
            case PRECONDITION_FAILED -> 412;
            case PRECONDITION_REQUIRED -> 428;
        };
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
