package dev.scriptexecuter.audit.rest;

import dev.scriptexecuter.audit.boundary.AuditPage;
import dev.scriptexecuter.audit.boundary.AuditQuery;
import dev.scriptexecuter.audit.boundary.AuditService;
import dev.scriptexecuter.rest.Paging;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The audit log, for admins: newest first, filtered by {@code actor},
 * {@code action} (e.g. SCRIPT_UPDATED), {@code target} (an id) and a time
 * window {@code since} (inclusive) to {@code until} (exclusive).
 */
@RolesAllowed(Role.ADMIN_NAME)
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditService audit;

    @GET
    public AuditPage list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                          @QueryParam("target") String target, @QueryParam("since") String since,
                          @QueryParam("until") String until, @QueryParam("offset") String offset,
                          @QueryParam("limit") String limit) {
        return audit.page(new AuditQuery(actor, action, target, Paging.time("since", since),
                Paging.time("until", until), Paging.number("offset", offset, 0),
                Paging.number("limit", limit, Paging.DEFAULT_LIMIT)));
    }
}
