package dev.scriptexecuter.script.web;

import dev.scriptexecuter.web.PrettyJson;
import dev.scriptexecuter.script.boundary.PolicySpec;
import dev.scriptexecuter.script.boundary.ScheduleSpec;
import dev.scriptexecuter.script.boundary.ScriptDraft;
import dev.scriptexecuter.script.boundary.ScriptView;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.Serializable;

/** The fields of a script as the script page edits them. */
public class ScriptForm implements Serializable {

    private String name;
    private String description;
    private boolean active = true;
    private String mainCode;
    private String triggerCode;
    private String requirements;
    private String scheduleKind = "manual";
    private String every;
    private String startAt;
    private String cron;
    private String timezone;
    private String timeout;
    private boolean allowNetwork;
    private String overlap = "skip";
    private String misfire = "fire-once";
    private int retries;
    private String retryBackoff;
    private String warnAfter;
    private String overdueAfter;
    private String runMode = "default";
    /** Null: the server's retention. */
    private Integer keepRuns;
    private Integer keepDays;
    /** The script's own sandbox paths, one per line (admins change them). */
    private String readOnlyPaths;
    private String writablePaths;
    /** Kept with the version a save creates; cleared after each save. */
    private String versionMessage;
    /** The input schema as JSON text; blank: none. */
    private String inputSchema;
    /** The tags, separated by commas or spaces. */
    private String tags;

    void fill(ScriptView script) {
        name = script.name();
        description = script.description();
        active = script.active();
        mainCode = script.mainCode();
        triggerCode = script.triggerCode();
        requirements = script.requirements();
        scheduleKind = script.schedule().kind();
        every = script.schedule().every();
        startAt = script.schedule().startAt();
        cron = script.schedule().cron();
        timezone = script.schedule().timezone();
        PolicySpec policy = script.policy();
        timeout = policy.timeout();
        allowNetwork = Boolean.TRUE.equals(policy.allowNetwork());
        overlap = policy.overlap();
        misfire = policy.misfire();
        retries = policy.retries() == null ? 0 : policy.retries();
        retryBackoff = policy.retryBackoff();
        warnAfter = policy.warnAfter();
        overdueAfter = policy.overdueAfter();
        runMode = policy.runMode() == null ? "default" : policy.runMode();
        keepRuns = policy.keepRuns();
        keepDays = policy.keepDays();
        readOnlyPaths = policy.readOnlyPaths() == null ? null : String.join("\n", policy.readOnlyPaths());
        writablePaths = policy.writablePaths() == null ? null : String.join("\n", policy.writablePaths());
        versionMessage = null;
        inputSchema = script.inputSchema() == null ? null : PrettyJson.format(script.inputSchema());
        tags = String.join(", ", script.tags());
    }

    /** The tags field as a list (the server checks each). */
    java.util.List<String> tagList() {
        return tags == null || tags.isBlank() ? java.util.List.of()
                : java.util.Arrays.stream(tags.split("[,\\s]+")).filter(tag -> !tag.isEmpty()).toList();
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    /** The schema field as JSON; null when blank. @throws IllegalArgumentException when it is not a JSON object */
    JsonObject inputSchemaValue() {
        return inputSchema == null || inputSchema.isBlank() ? null : PrettyJson.parseObject(inputSchema);
    }

    public String getInputSchema() {
        return inputSchema;
    }

    public void setInputSchema(String inputSchema) {
        this.inputSchema = inputSchema;
    }

    PolicySpec policy() {
        return new PolicySpec(blankToNull(timeout), allowNetwork, overlap, misfire, retries, blankToNull(retryBackoff),
                runMode, keepRuns, keepDays, lines(readOnlyPaths), lines(writablePaths), blankToNull(warnAfter),
                blankToNull(overdueAfter));
    }

    private static java.util.List<String> lines(String text) {
        return text == null ? java.util.List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    ScheduleSpec schedule() {
        return switch (scheduleKind == null ? "manual" : scheduleKind) {
            case "interval" -> new ScheduleSpec("interval", every, startAt, null, null);
            case "cron" -> new ScheduleSpec("cron", null, null, cron, timezone);
            default -> new ScheduleSpec(scheduleKind, null, null, null, null);
        };
    }

    /** @param data the data to save, or null to keep what the script has */
    ScriptDraft draft(JsonValue data) {
        return new ScriptDraft(name, description, active, mainCode, triggerCode, requirements, schedule(), data, policy(),
                inputSchemaValue(),
                versionMessage == null || versionMessage.isBlank() ? null : versionMessage.strip(), tagList());
    }

    /**
     * Browsers send a text area's lines ended by CR LF, whatever they were (HTML's form encoding), and the code
     * editors' text goes to the server in one: their code is kept with the LF it was written with, so that a save
     * changes only what was typed and versions compare line by line with ones from the API.
     */
    static String unixLines(String text) {
        return text == null ? null : text.replace("\r\n", "\n");
    }

    public String getTimeout() { return timeout; }
    public void setTimeout(String timeout) { this.timeout = timeout; }
    public boolean isAllowNetwork() { return allowNetwork; }
    public void setAllowNetwork(boolean allowNetwork) { this.allowNetwork = allowNetwork; }
    public String getRunMode() { return runMode; }
    public void setRunMode(String runMode) { this.runMode = runMode; }
    public String getOverlap() { return overlap; }
    public void setOverlap(String overlap) { this.overlap = overlap; }
    public String getMisfire() { return misfire; }
    public void setMisfire(String misfire) { this.misfire = misfire; }
    public int getRetries() { return retries; }
    public void setRetries(int retries) { this.retries = retries; }
    public String getWarnAfter() { return warnAfter; }
    public void setWarnAfter(String warnAfter) { this.warnAfter = warnAfter; }
    public String getOverdueAfter() { return overdueAfter; }
    public void setOverdueAfter(String overdueAfter) { this.overdueAfter = overdueAfter; }
    public String getRetryBackoff() { return retryBackoff; }
    public void setRetryBackoff(String retryBackoff) { this.retryBackoff = retryBackoff; }
    public Integer getKeepRuns() { return keepRuns; }
    public void setKeepRuns(Integer keepRuns) { this.keepRuns = keepRuns; }
    public Integer getKeepDays() { return keepDays; }
    public void setKeepDays(Integer keepDays) { this.keepDays = keepDays; }
    public String getReadOnlyPaths() { return readOnlyPaths; }
    public void setReadOnlyPaths(String readOnlyPaths) { this.readOnlyPaths = readOnlyPaths; }
    public String getWritablePaths() { return writablePaths; }
    public void setWritablePaths(String writablePaths) { this.writablePaths = writablePaths; }
    public String getVersionMessage() { return versionMessage; }
    public void setVersionMessage(String versionMessage) { this.versionMessage = versionMessage; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public String getMainCode() { return mainCode; }
    public void setMainCode(String mainCode) { this.mainCode = unixLines(mainCode); }
    public String getTriggerCode() { return triggerCode; }
    public void setTriggerCode(String triggerCode) { this.triggerCode = unixLines(triggerCode); }
    public String getRequirements() { return requirements; }
    public void setRequirements(String requirements) { this.requirements = unixLines(requirements); }
    public String getScheduleKind() { return scheduleKind; }
    public void setScheduleKind(String scheduleKind) { this.scheduleKind = scheduleKind; }
    public String getEvery() { return every; }
    public void setEvery(String every) { this.every = every; }
    public String getStartAt() { return startAt; }
    public void setStartAt(String startAt) { this.startAt = startAt; }
    public String getCron() { return cron; }
    public void setCron(String cron) { this.cron = cron; }
    public String getTimezone() { return timezone; }
    public void setTimezone(String timezone) { this.timezone = timezone; }
}
