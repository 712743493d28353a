package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.infrastructure.JsonBinder;
import dev.scriptexecuter.infrastructure.StrictJsonb;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A script as a person submits it (create, replace). Missing {@code active}
 * means active, a missing schedule means manual, missing {@code data} means
 * empty on create and unchanged on replace. {@code data} is any JSON value here
 * so that a non-object gets a sentence rather than a parser error. A missing
 * {@code policy} (or a field of it) keeps the current one (defaults on create).
 * {@code versionMessage} is kept with the new version when the save changes
 * the code, like a commit message; it is not part of the script.
 * {@code inputSchema} ({@link InputSchema}) is the script's: missing, null or
 * {@code {}} means it has none. {@code tags} label it (lowercase words: {@code db}, {@code team-a}); missing
 * or null means none; lists filter by them and a tag may have a concurrency limit.
 */
public record ScriptDraft(String name, String description, Boolean active, String mainCode, String triggerCode,
                          String requirements, ScheduleSpec schedule, JsonValue data, PolicySpec policy,
                          JsonValue inputSchema, String versionMessage, List<String> tags) {

    public ScriptDraft {
        // JSON null and a missing schema mean the same (none): one value for both
        inputSchema = JsonValue.NULL.equals(inputSchema) ? null : inputSchema;
    }

    /** The same draft without data, so that saving it keeps the stored data. */
    public ScriptDraft keepingData() {
        return new ScriptDraft(name, description, active, mainCode, triggerCode, requirements, schedule, null, policy,
                inputSchema, versionMessage, tags);
    }

    /**
     * The names of the fields (as the API calls them) in which this draft
     * differs from {@code before}; the version message is not a field.
     */
    public Set<String> fieldsChangedFrom(ScriptDraft before) {
        var mine = fields();
        var theirs = before.fields();
        var changed = new LinkedHashSet<String>();
        for (String field : mine.keySet()) {
            if (!mine.get(field).equals(theirs.get(field))) {
                changed.add(field);
            }
        }
        return changed;
    }

    /** The draft as JSON text, e.g. for a page to keep between requests. */
    public String toJson() {
        return StrictJsonb.get().toJson(this);
    }

    /** A draft written by {@link #toJson()}. */
    public static ScriptDraft fromJson(String json) {
        return JsonBinder.bind(Json.parseObject(json),
                ScriptDraft.class);
    }

    /** The draft as the API writes it, without the version message (which is not part of the script). */
    JsonObject fields() {
        var all = Json.parseObject(toJson());
        return Json.PROVIDER.createObjectBuilder(all).remove("versionMessage").build();
    }

    /** The same draft with other code, as an old version had it. */
    public ScriptDraft withCode(String mainCode, String triggerCode, String requirements, String versionMessage) {
        return new ScriptDraft(name, description, active, mainCode, triggerCode, requirements, schedule, data, policy,
                inputSchema, versionMessage, tags);
    }
}
