package dev.scriptexecuter.execution.rest;

import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.execution.boundary.LogMatches;
import dev.scriptexecuter.execution.boundary.LogSearch;
import dev.scriptexecuter.execution.boundary.LogSearchService;
import dev.scriptexecuter.execution.boundary.RunCursor;
import dev.scriptexecuter.execution.boundary.RunExport;
import dev.scriptexecuter.execution.boundary.RunQuery;
import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.rest.Paging;
import dev.scriptexecuter.execution.boundary.RunView;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/** Runs: read one, read its log, search the logs, export the history, stop it. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    @Inject
    RunService runs;

    @Inject
    LogSearchService logs;

    /**
     * Finished runs whose log holds a text (any case), newest first, each with the first lines that hold it;
     * of one script, of one outcome, queued within a time range. Only the newest ses.runs.log-search-runs runs
     * the filters select are searched ({@code olderNotSearched} says when older ones were left out).
     */
    @GET
    @Path("search")
    public LogMatches search(@QueryParam("text") String text, @QueryParam("script") String script,
                             @QueryParam("outcome") String outcome, @QueryParam("since") String since,
                             @QueryParam("until") String until, @QueryParam("after") String after,
                             @QueryParam("limit") String limit) {
        return logs.search(new LogSearch(text, script, outcome, Paging.time("since", since),
                        Paging.time("until", until)), RunCursor.parse(after),
                Paging.number("limit", limit, Paging.DEFAULT_LIMIT));
    }

    /**
     * The run history as a file, newest first: {@code format=csv} (the default; times, outcome, resource figures)
     * or {@code json} (each run as {@code GET /api/runs/{id}} shows it); the filters of the runs page, and
     * {@code until}. At most ses.runs.export-max-runs runs: more are refused (413), saying how many match.
     */
    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Answers(value = 200, body = String.class)
    public Response export(@QueryParam("script") String script, @QueryParam("outcome") String outcome,
                           @QueryParam("since") String since, @QueryParam("until") String until,
                           @QueryParam("text") String text, @QueryParam("format") String format) {
        RunExport export = runs.export(new RunQuery(script, outcome, Paging.time("since", since), text),
                Paging.time("until", until), format);
        StreamingOutput body = out -> export.write(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        return Response.ok(body, export.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .header("X-Total-Count", export.count()).build();
    }

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
