package dev.scriptexecuter.execution.rest;

import dev.scriptexecuter.execution.boundary.HookDraft;
import dev.scriptexecuter.execution.boundary.HookService;
import dev.scriptexecuter.execution.boundary.HookView;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.rest.Answers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * A script's trigger URLs: make one (its token and address are in this answer only), list them, rotate
 * one's token, revoke one.
 */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
@Path("scripts/{id}/hooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScriptHooksResource {

    @Inject
    HookService hooks;

    @Context
    UriInfo uri;

    @POST
    @Answers(value = 201, body = HookView.class)
    public Response create(@PathParam("id") String id, HookDraft draft) {
        HookView created = hooks.create(id, draft);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(withUrl(created))
                .build();
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    @GET
    public List<HookView> list(@PathParam("id") String id) {
        return hooks.list(id);
    }

    /** A new token; the old one is refused from now on. */
    @POST
    @Path("{hook}/rotate")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public HookView rotate(@PathParam("id") String id, @PathParam("hook") String hook) {
        return withUrl(hooks.rotate(id, hook));
    }

    @DELETE
    @Path("{hook}")
    @Answers(204)
    public Response revoke(@PathParam("id") String id, @PathParam("hook") String hook) {
        hooks.revoke(id, hook);
        return Response.noContent().build();
    }

    /** {@code /hooks/{token}} beside the API's base address. */
    private HookView withUrl(HookView view) {
        return view.withUrl(uri.getBaseUri().resolve("../hooks/" + view.token()).toString());
    }
}
