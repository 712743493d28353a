package dev.scriptexecuter.script.rest;

import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.script.boundary.ChainDraft;
import dev.scriptexecuter.script.boundary.ChainService;
import dev.scriptexecuter.script.boundary.ChainView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A script's chain: the scripts its runs start when they end (with the run's result as input), and the
 * scripts whose runs start it. {@code PUT} replaces the whole chain; a cycle or a chain deeper than
 * ses.chain.max-depth is refused (400, naming the scripts).
 */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("scripts/{id}/chain")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScriptChainResource {

    @Inject
    ChainService chains;

    @GET
    public ChainView find(@PathParam("id") String id) {
        return chains.find(id);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @PUT
    public ChainView set(@PathParam("id") String id, ChainDraft draft) {
        return chains.set(id, draft);
    }
}
