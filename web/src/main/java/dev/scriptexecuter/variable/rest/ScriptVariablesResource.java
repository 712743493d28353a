package dev.scriptexecuter.variable.rest;

import dev.scriptexecuter.rest.Preconditions;
import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.variable.boundary.VariableDraft;
import dev.scriptexecuter.variable.boundary.VariableService;
import dev.scriptexecuter.variable.boundary.VariableView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

import static jakarta.ws.rs.core.HttpHeaders.IF_MATCH;
import static jakarta.ws.rs.core.HttpHeaders.IF_NONE_MATCH;

/** A script's own variables and secrets, which win over global ones of the same name; its editors set them. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("scripts/{id}/variables")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScriptVariablesResource {

    @Inject
    VariableService variables;

    @GET
    public List<VariableView> list(@PathParam("id") String id) {
        return variables.list(id);
    }

    @GET
    @Path("{name}")
    public VariableView find(@PathParam("id") String id, @PathParam("name") String name) {
        return variables.find(id, name);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @PUT
    @Path("{name}")
    public VariableView set(@PathParam("id") String id, @PathParam("name") String name,
                            @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch,
                            VariableDraft draft) {
        return variables.setForScript(id, name, draft, Preconditions.of(ifMatch, ifNoneMatch));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @DELETE
    @Path("{name}")
    @Answers(204)
    public Response delete(@PathParam("id") String id, @PathParam("name") String name,
                           @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch) {
        variables.deleteForScript(id, name, Preconditions.of(ifMatch, ifNoneMatch));
        return Response.noContent().build();
    }
}
