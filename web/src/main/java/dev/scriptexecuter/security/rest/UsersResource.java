package dev.scriptexecuter.security.rest;

import dev.scriptexecuter.rest.Preconditions;
import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.security.boundary.TwoFactorService;
import dev.scriptexecuter.security.boundary.UserDraft;
import dev.scriptexecuter.security.boundary.UserService;
import dev.scriptexecuter.security.boundary.UserView;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Accounts, for admins. */
@RolesAllowed(Role.ADMIN_NAME)
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserService users;

    @Inject
    TwoFactorService twoFactor;

    @Context
    UriInfo uri;

    @GET
    public List<UserView> list() {
        return users.list();
    }

    @POST
    @Answers(value = 201, body = UserView.class)
    public Response create(UserDraft draft) {
        UserView created = users.create(draft);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    @Path("{id}")
    public UserView find(@PathParam("id") String id) {
        return users.find(id);
    }

    @PUT
    @Path("{id}")
    public UserView update(@PathParam("id") String id,
                           @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch,
                           UserDraft draft) {
        return users.update(id, draft, Preconditions.of(ifMatch, ifNoneMatch));
    }

    @DELETE
    @Path("{id}")
    @Answers(204)
    public Response delete(@PathParam("id") String id,
                           @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch) {
        users.delete(id, Preconditions.of(ifMatch, ifNoneMatch));
        return Response.noContent().build();
    }

    /** Removes the account's second factor (a lost phone): it logs in with its password, or sets one up again. */
    @DELETE
    @Path("{id}/two-factor")
    public UserView resetTwoFactor(@PathParam("id") String id) {
        return twoFactor.reset(id);
    }
}
