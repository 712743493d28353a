package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.script.entity.LastRun;
import dev.scriptexecuter.script.entity.Script;
import jakarta.json.JsonObject;

import java.time.Instant;

/**
 * A script as the API and the dashboard show it; {@code pausedReason} says why the server paused it, if it did,
 * {@code pausedUntil} when its pause ends by itself.
 * {@code version} grows with every save, {@code dataVersion} with every change of the data (by a save or a run);
 * {@code inputSchema} is what its runs' input is checked against (null: any object); {@code tags} are sorted.
 */
public record ScriptView(String id, String name, String description, boolean active, String pausedReason,
                         Instant pausedUntil, String mainCode,
                         String triggerCode, String requirements, ScheduleSpec schedule, JsonObject data,
                         PolicySpec policy, Instant createdAt, Instant updatedAt, Instant nextRunAt,
                         LastRunView lastRun, int currentVersion, long version, long dataVersion,
                         JsonObject inputSchema, java.util.List<String> tags) {

    /** The newest run of the script, in short. */
    public record LastRunView(String id, String status, String outcome, Instant startedAt, Instant finishedAt) {

        static LastRunView of(LastRun lastRun) {
            if (lastRun == null || lastRun.runId() == null) {
                return null;
            }
            return new LastRunView(lastRun.runId(), lastRun.status(), lastRun.outcome(),
                    lastRun.startedAt(), lastRun.finishedAt());
        }
    }

    public static ScriptView of(Script script) {
        return new ScriptView(script.id(), script.name(), script.description(), script.active(), script.pausedReason(),
                script.pausedUntil(), script.mainCode(), script.triggerCode(), script.requirements(),
                ScheduleSpec.of(script.schedule()), Json.parseObject(script.dataJson()), PolicySpec.of(script.policy()),
                script.createdAt(), script.updatedAt(), script.nextFireAt(), LastRunView.of(script.lastRun()),
                script.currentVersion(), script.version(), script.dataVersion(),
                script.inputSchema() == null ? null : Json.parseObject(script.inputSchema()), script.tags());
    }

    /** The editable part, as a draft: the base of a merge patch. */
    public ScriptDraft draft() {
        return new ScriptDraft(name, description, active, mainCode, triggerCode, requirements, schedule, data, policy,
                inputSchema, null, tags);
    }
}
