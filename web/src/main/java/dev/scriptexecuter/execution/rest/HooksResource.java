package dev.scriptexecuter.execution.rest;

import dev.scriptexecuter.execution.boundary.HookCall;
import dev.scriptexecuter.execution.boundary.HookService;
import dev.scriptexecuter.execution.boundary.RunCompletions;
import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.rest.StrictJsonReader;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Duration;

/**
 * Calls of trigger URLs, with no login: the token in the address is the credential, and it opens only its
 * own script's runs. {@code POST /hooks/{token}} (also answered under {@code /api/hooks/}) starts a run
 * with the body (a JSON object, or nothing) as its input; with {@code ?wait=30s} the answer comes when the
 * run is finished (200, with its outcome and result) or the wait is over (202).
 */
@PermitAll
@Path("hooks/{token}")
@Produces(MediaType.APPLICATION_JSON)
public class HooksResource {

    @Inject
    HookService hooks;

    @Inject
    RunCompletions completions;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @PermitAll
    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Answers(value = {202, 200}, body = HookCall.class)
    public Response call(@PathParam("token") String token, @QueryParam("wait") String wait, byte[] body)
            throws InterruptedException {
        Duration waitFor = completions.parseWait(wait);
        HookCall call = hooks.call(token, () -> input(body), request.getRemoteAddr());
        if (waitFor != null && !waitFor.isZero()
                && completions.await(call.runId(), waitFor, () -> hooks.answer(token, call.runId()).finished())) {
            return Response.ok(hooks.answer(token, call.runId())).location(runAddress(call)).build();
        }
        return Response.accepted(waitFor == null ? call : hooks.answer(token, call.runId())).location(runAddress(call))
                .build();
    }

    /** How a run this URL started is doing (its outcome and result once it is finished). */
    @PermitAll
    @GET
    @Path("runs/{run}")
    public HookCall run(@PathParam("token") String token, @PathParam("run") String run) {
        return hooks.answer(token, run);
    }

    /** The body as the run's input: a JSON object, or nothing; anything else is refused naming "body". */
    private static jakarta.json.JsonObject input(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return StrictJsonReader.object(body, "a JSON object, the run's input");
        } catch (dev.scriptexecuter.infrastructure.RequestRejected e) {
            throw e.details().containsKey("field") ? e : e.with("field", "body");
        }
    }

    private java.net.URI runAddress(HookCall call) {
        return uri.getAbsolutePathBuilder().replaceQuery(null).path("runs").path(call.runId()).build();
    }
}
