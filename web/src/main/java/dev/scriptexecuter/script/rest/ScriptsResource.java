package dev.scriptexecuter.script.rest;

import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.execution.boundary.RunCursor;
import dev.scriptexecuter.execution.boundary.RunPage;
import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.boundary.RunView;
import dev.scriptexecuter.execution.boundary.RunCompletions;
import dev.scriptexecuter.rest.Paging;
import dev.scriptexecuter.rest.Preconditions;
import dev.scriptexecuter.script.boundary.ScriptDraft;
import dev.scriptexecuter.script.boundary.ScriptPage;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptView;
import dev.scriptexecuter.infrastructure.IsoTimes;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import dev.scriptexecuter.rest.StrictJsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.net.URI;

import static jakarta.ws.rs.core.HttpHeaders.IF_MATCH;
import static jakarta.ws.rs.core.HttpHeaders.IF_NONE_MATCH;
import java.time.Duration;
import java.time.Instant;

/** Scripts: list, create, read, replace, patch, delete; and their runs. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("scripts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScriptsResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    ScriptService scripts;

    @Inject
    RunService runs;

    @Inject
    RunCompletions completions;

    @Context
    UriInfo uri;

    @GET
    public ScriptPage list(@QueryParam("offset") String offset, @QueryParam("limit") String limit,
                           @QueryParam("tag") String tag) {
        return scripts.list(Paging.number("offset", offset, 0), Paging.number("limit", limit, Paging.DEFAULT_LIMIT),
                tag);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @POST
    @Answers(value = 201, body = ScriptView.class)
    public Response create(ScriptDraft draft) {
        ScriptView created = scripts.create(draft);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    @Path("{id}")
    public ScriptView find(@PathParam("id") String id) {
        return scripts.find(id);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @PUT
    @Path("{id}")
    public ScriptView replace(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch,
                              @HeaderParam(IF_NONE_MATCH) String ifNoneMatch, ScriptDraft draft) {
        return scripts.replace(id, draft, Preconditions.of(ifMatch, ifNoneMatch));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @PATCH
    @Path("{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public ScriptView patch(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch,
                            @HeaderParam(IF_NONE_MATCH) String ifNoneMatch, byte[] mergePatch) {
        return scripts.patch(id, StrictJsonReader.object(mergePatch,
                "a JSON merge patch: an object such as {\"active\": false}"), Preconditions.of(ifMatch, ifNoneMatch));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @DELETE
    @Path("{id}")
    @Answers(204)
    public Response delete(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch,
                           @HeaderParam(IF_NONE_MATCH) String ifNoneMatch) {
        scripts.delete(id, Preconditions.of(ifMatch, ifNoneMatch));
        return Response.noContent().build();
    }

    /**
     * Pauses the script's schedule; body optional: {@code {"until": "2026-12-24T08:00:00Z"}} or
     * {@code {"duration": "PT2H"}} ends the pause by itself then. Manual runs still work while it is paused.
     */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @POST
    @Path("{id}/pause")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public ScriptView pause(@PathParam("id") String id, byte[] body) {
        PauseRequest request = StrictJsonReader.optional(body, PauseRequest.class);
        return scripts.pause(id, request == null ? null : request.end(Instant.now()));
    }

    /** Resumes the script's schedule; occurrences missed while it was paused run as its misfire policy says. */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @POST
    @Path("{id}/resume")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public ScriptView resume(@PathParam("id") String id) {
        return scripts.setActive(id, true);
    }

    /** What a pause request may say: when it ends, as a time or as how long from now (not both). */
    public record PauseRequest(String until, String duration) {

        /** The longest pause with an end: a year and a day. */
        static final Duration LONGEST = Duration.ofDays(366);

        Instant end(Instant now) {
            if (until != null && duration != null) {
                throw RequestRejected.invalid("Give \"until\" or \"duration\", not both.").with("field", "duration");
            }
            if (duration != null) {
                Duration length = IsoTimes.duration(duration.strip()).orElseThrow(() -> RequestRejected.invalid(
                        "\"duration\" must be a duration such as \"PT2H\" or \"90m\"; \"" + duration
                                + "\" is not one.").with("field", "duration"));
                if (length.isNegative() || length.isZero() || length.compareTo(LONGEST) > 0) {
                    throw RequestRejected.invalid("\"duration\" must be more than 0 and at most " + LONGEST.toDays()
                            + " days; it is " + length + ".").with("field", "duration");
                }
                return now.plus(length);
            }
            if (until == null) {
                return null;
            }
            Instant end = IsoTimes.parse("until", until);
            if (end.isAfter(now.plus(LONGEST))) {
                throw RequestRejected.invalid("\"until\" must be within " + LONGEST.toDays() + " days from now; "
                        + until + " is later.").with("field", "until");
            }
            return end;
        }
    }

    /**
     * Body optional: {@code {"force": true}} skips the trigger code, {@code "input": {...}}
     * is given to main and trigger as their second parameter. With {@code ?wait=30s} the
     * answer comes when the run is finished (200, with its {@code result}), or when the
     * wait is over (202, as without it).
     */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @POST
    @Path("{id}/runs")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Answers(value = {202, 200}, body = RunView.class)
    public Response run(@PathParam("id") String id, @QueryParam("wait") String wait, byte[] body)
            throws InterruptedException {
        Duration waitFor = completions.parseWait(wait);
        RunRequest request = RunRequest.parse(body);
        RunView run = runs.request(id, request.forced(), request.input());
        URI location = uri.getBaseUriBuilder().path("runs").path(run.id()).build();
        if (waitFor != null && !waitFor.isZero() && completions.await(run.id(), waitFor,
                () -> "FINISHED".equals(runs.find(run.id()).status()))) {
            return Response.ok(runs.find(run.id())).location(location).build();
        }
        return Response.accepted(waitFor == null ? run : runs.find(run.id())).location(location).build();
    }

    @GET
    @Path("{id}/runs")
    public RunPage runs(@PathParam("id") String id, @QueryParam("offset") String offset,
                        @QueryParam("after") String after, @QueryParam("limit") String limit,
                        @QueryParam("outcome") String outcome, @QueryParam("since") String since) {
        return runs.page(id, outcome, Paging.time("since", since), Paging.number("offset", offset, 0),
                RunCursor.parse(after), Paging.number("limit", limit, Paging.DEFAULT_LIMIT));
    }

    /** What a run request may say: skip the trigger code, and what to give the run (a JSON object). */
    public record RunRequest(Boolean force, JsonObject input) {

        boolean forced() {
            return Boolean.TRUE.equals(force);
        }

        static RunRequest parse(byte[] body) {
            RunRequest request = StrictJsonReader.optional(body, RunRequest.class);
            return request == null ? new RunRequest(false, null) : request;
        }
    }
}
