package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.time.Instant;

/** A run as the API and the dashboard show it; its log is fetched separately. */
public record RunView(String id, String scriptId, String scriptName, String trigger, String status, String outcome,
                      Instant scheduledFor, Instant queuedAt, Instant startedAt, Instant finishedAt,
                      Long durationMillis, Integer exitCode, String nodeName, String error, JsonObject dataBefore,
                      JsonObject dataAfter, String environmentId, int attempt, String retryOf, Instant leaseUntil,
                      String processMode, Integer scriptVersion, String requestedBy, RunUsage usage) {

    public static RunView of(Run run) {
        Long duration = run.startedAt() != null && run.finishedAt() != null
                ? Duration.between(run.startedAt(), run.finishedAt()).toMillis() : null;
        return new RunView(run.id(), run.script().id(), run.script().name(), run.trigger().name(),
                run.status().name(), run.outcome() == null ? null : run.outcome().name(), run.scheduledFor(),
                run.queuedAt(), run.startedAt(), run.finishedAt(), duration, run.exitCode(), run.nodeName(),
                run.error(), json(run.dataBefore()), json(run.dataAfter()), run.environmentId(), run.attempt(), run.retryOf(),
                run.status() == dev.scriptexecuter.execution.entity.RunStatus.FINISHED ? null : run.leaseUntil(),
                run.processMode(), run.scriptVersion(), run.requestedBy(), RunUsage.of(run));
    }

    private static JsonObject json(String text) {
        return text == null ? null : Json.parseObject(text);
    }
}
