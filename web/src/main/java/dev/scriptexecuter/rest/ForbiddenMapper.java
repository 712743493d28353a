package dev.scriptexecuter.rest;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A caller whose role does not allow the action: 403. The EJB boundaries are the gate that throws it. */
@Provider
public class ForbiddenMapper implements ExceptionMapper<EJBAccessException> {

    @Override
    public Response toResponse(EJBAccessException exception) {
        return forbidden();
    }

    /** Also the answer when the JAX-RS runtime checks a resource's roles first. */
    static Response forbidden() {
        return Problems.response(403, "forbidden", "Forbidden", "Your role does not allow this action.");
    }
}
