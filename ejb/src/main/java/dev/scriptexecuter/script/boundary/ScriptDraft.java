package dev.scriptexecuter.script.boundary;

import jakarta.json.JsonValue;

/**
 * A script as a person submits it (create, replace). Missing {@code active}
 * means active, a missing schedule means manual, missing {@code data} means
 * empty on create and unchanged on replace. {@code data} is any JSON value here
 * so that a non-object gets a sentence rather than a parser error. A missing
 * {@code policy} (or a field of it) keeps the current one (defaults on create).
 * {@code versionMessage} is kept with the new version when the save changes
 * the code, like a commit message; it is not part of the script.
 */
public record ScriptDraft(String name, String description, Boolean active, String mainCode, String triggerCode,
                          String requirements, ScheduleSpec schedule, JsonValue data, PolicySpec policy,
                          String versionMessage) {

    /** The same draft without data, so that saving it keeps the stored data. */
    public ScriptDraft keepingData() {
        return new ScriptDraft(name, description, active, mainCode, triggerCode, requirements, schedule, null, policy,
                versionMessage);
    }

    /** The same draft with other code, as an old version had it. */
    public ScriptDraft withCode(String mainCode, String triggerCode, String requirements, String versionMessage) {
        return new ScriptDraft(name, description, active, mainCode, triggerCode, requirements, schedule, data, policy,
                versionMessage);
    }
}
