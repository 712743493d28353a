package dev.scriptexecuter.environment.rest;

import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.environment.boundary.EnvironmentService;
import dev.scriptexecuter.environment.boundary.EnvironmentView;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The Python environments built from scripts' requirements: list, install logs, rebuild and delete (admins). */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("environments")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentsResource {

    @Inject
    EnvironmentService environments;

    @GET
    public List<EnvironmentView> list() {
        return environments.list();
    }

    @GET
    @Path("{id}")
    public EnvironmentView find(@PathParam("id") String id) {
        return environments.find(id);
    }

    @GET
    @Path("{id}/log")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String log(@PathParam("id") String id) {
        return environments.log(id);
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Path("{id}/rebuild")
    @Answers(value = 202, body = EnvironmentView.class)
    public Response rebuild(@PathParam("id") String id) {
        return Response.accepted(environments.rebuild(id)).build();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Path("{id}")
    @Answers(204)
    public Response delete(@PathParam("id") String id) {
        environments.delete(id);
        return Response.noContent().build();
    }
}
