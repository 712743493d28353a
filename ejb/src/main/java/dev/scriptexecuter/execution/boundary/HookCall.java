package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonValue;

import java.time.Instant;

/**
 * What the caller of a trigger URL learns of the run it started: no more than its own run's state and
 * result (not the script's data, its log or anything else the token would otherwise open).
 */
public record HookCall(String runId, String status, String outcome, String error, JsonValue result,
                       Instant queuedAt, Instant finishedAt) {

    static HookCall of(Run run) {
        return new HookCall(run.id(), run.status().name(), run.outcome() == null ? null : run.outcome().name(),
                run.error(), run.result() == null ? null : Json.parse(run.result()), run.queuedAt(), run.finishedAt());
    }

    public boolean finished() {
        return "FINISHED".equals(status);
    }
}
