package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.time.Instant;

/**
 * A run as the API and the dashboard show it; its log is fetched separately. {@code input} is what it was
 * given (null: nothing), {@code result} what main returned (any JSON value; null: nothing, or nothing storable).
 * {@code startedBy} is the id of the run whose chain started it; {@code started} the runs its chain started,
 * shown with one run only ({@code GET /api/runs/{id}}, the run page; left out in lists and exports).
 * {@code waitingFor} is the tag whose concurrency limit a WAITING run waits for a slot of (null otherwise).
 */
public record RunView(String id, String scriptId, String scriptName, String trigger, String status, String outcome,
                      Instant scheduledFor, Instant queuedAt, Instant startedAt, Instant finishedAt,
                      Long durationMillis, Integer exitCode, String nodeName, String error, JsonObject dataBefore,
                      JsonObject dataAfter, String environmentId, int attempt, String retryOf, Instant leaseUntil,
                      String processMode, Integer scriptVersion, String requestedBy, RunUsage usage,
                      JsonObject input, JsonValue result, String startedBy, java.util.List<RunLink> started,
                      String waitingFor) {

    public static RunView of(Run run) {
        Long duration = run.startedAt() != null && run.finishedAt() != null
                ? Duration.between(run.startedAt(), run.finishedAt()).toMillis() : null;
        return new RunView(run.id(), run.script().id(), run.script().name(), run.trigger().name(),
                run.status().name(), run.outcome() == null ? null : run.outcome().name(), run.scheduledFor(),
                run.queuedAt(), run.startedAt(), run.finishedAt(), duration, run.exitCode(), run.nodeName(),
                run.error(), json(run.dataBefore()), json(run.dataAfter()), run.environmentId(), run.attempt(), run.retryOf(),
                run.status() == dev.scriptexecuter.execution.entity.RunStatus.FINISHED ? null : run.leaseUntil(),
                run.processMode(), run.scriptVersion(), run.requestedBy(), RunUsage.of(run), json(run.input()),
                run.result() == null ? null : Json.parse(run.result()),
                run.startedBy(), null, run.waitingFor());
    }

    /** With the runs it started through its chain, as one run is shown (none: left out, as in lists). */
    RunView chained(java.util.List<RunLink> runs) {
        return new RunView(id, scriptId, scriptName, trigger, status, outcome, scheduledFor, queuedAt, startedAt,
                finishedAt, durationMillis, exitCode, nodeName, error, dataBefore, dataAfter, environmentId, attempt,
                retryOf, leaseUntil, processMode, scriptVersion, requestedBy, usage, input, result, startedBy,
                runs.isEmpty() ? null : runs, waitingFor);
    }

    private static JsonObject json(String text) {
        return text == null ? null : Json.parseObject(text);
    }
}
