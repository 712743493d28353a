package dev.scriptexecuter.execution.rest;

import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.boundary.RunView;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Runs: read one, read its log, stop it. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    @Inject
    RunService runs;

    @GET
    @Path("{runId}")
    public RunView find(@PathParam("runId") String runId) {
        return runs.find(runId);
    }

    @GET
    @Path("{runId}/log")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String log(@PathParam("runId") String runId) {
        return runs.log(runId);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @POST
    @Path("{runId}/stop")
    @Answers(value = 202, body = RunView.class)
    public Response stop(@PathParam("runId") String runId) {
        return Response.accepted(runs.stop(runId)).build();
    }
}
