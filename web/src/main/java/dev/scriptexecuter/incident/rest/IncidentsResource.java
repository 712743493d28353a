package dev.scriptexecuter.incident.rest;

import dev.scriptexecuter.incident.boundary.IncidentService;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.rest.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Incidents, newest first: {@code ?open=true} the ones still open, {@code ?script=} of one script,
 * {@code ?kind=} overdue, late or slow.
 */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentsResource {

    @Inject
    IncidentService incidents;

    @GET
    public IncidentService.IncidentPage list(@QueryParam("open") String open, @QueryParam("script") String script,
                                             @QueryParam("kind") String kind, @QueryParam("offset") String offset,
                                             @QueryParam("limit") String limit) {
        return incidents.list(open == null ? null : Paging.flag("open", open, false), script, kind,
                Paging.number("offset", offset, 0), Paging.number("limit", limit, Paging.DEFAULT_LIMIT));
    }
}
