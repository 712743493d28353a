package dev.scriptexecuter.variable.rest;

import dev.scriptexecuter.rest.Preconditions;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.variable.boundary.VariableDraft;
import dev.scriptexecuter.variable.boundary.VariableService;
import dev.scriptexecuter.variable.boundary.VariableView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.scriptexecuter.rest.Answers;

import java.util.List;

import static jakarta.ws.rs.core.HttpHeaders.IF_MATCH;
import static jakarta.ws.rs.core.HttpHeaders.IF_NONE_MATCH;

/** Global variables and secrets: everybody reads the names (never a secret's value), admins set them. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("variables")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VariablesResource {

    @Inject
    VariableService variables;

    @GET
    public List<VariableView> list() {
        return variables.list(null);
    }

    @GET
    @Path("{name}")
    public VariableView find(@PathParam("name") String name) {
        return variables.find(null, name);
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @PUT
    @Path("{name}")
    public VariableView set(@PathParam("name") String name,
                            @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch,
                            VariableDraft draft) {
        return variables.setGlobal(name, draft, Preconditions.of(ifMatch, ifNoneMatch));
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Path("{name}")
    @Answers(204)
    public Response delete(@PathParam("name") String name,
                           @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch) {
        variables.deleteGlobal(name, Preconditions.of(ifMatch, ifNoneMatch));
        return Response.noContent().build();
    }

    /** After a key rotation: seals every secret with the current key (ses.secrets.key). */
    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Path("reseal")
    @Consumes(MediaType.WILDCARD)
    public JsonObject reseal() {
        return Json.PROVIDER.createObjectBuilder().add("resealed", variables.reseal()).build();
    }
}
