package dev.scriptexecuter.security.rest;

import dev.scriptexecuter.rest.Preconditions;
import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.security.boundary.ApiKeyDraft;
import dev.scriptexecuter.security.boundary.ApiKeyService;
import dev.scriptexecuter.security.boundary.ApiKeyView;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

import static jakarta.ws.rs.core.HttpHeaders.IF_MATCH;
import static jakarta.ws.rs.core.HttpHeaders.IF_NONE_MATCH;

/** API keys: create (the secret is in this answer only), list, revoke. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
@Path("api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

    @Inject
    ApiKeyService keys;

    @Context
    UriInfo uri;

    @POST
    @Answers(value = 201, body = ApiKeyView.class)
    public Response create(ApiKeyDraft draft) {
        ApiKeyView created = keys.create(draft);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    @GET
    public List<ApiKeyView> list() {
        return keys.list();
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    @GET
    @Path("{id}")
    public ApiKeyView find(@PathParam("id") String id) {
        return keys.find(id);
    }

    @DELETE
    @Path("{id}")
    @Answers(204)
    public Response revoke(@PathParam("id") String id,
                           @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch) {
        keys.revoke(id, Preconditions.of(ifMatch, ifNoneMatch));
        return Response.noContent().build();
    }
}
