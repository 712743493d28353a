package dev.scriptexecuter.script.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored Python script: its code, schedule and the JSON {@code data} that
 * persists between its runs. Times are kept as UTC {@code LocalDateTime}
 * columns and exposed as {@code Instant}s.
 */
@Entity
@Table(name = "script")
@NamedQuery(name = Script.FIND_ALL, query = "SELECT s FROM Script s ORDER BY s.name")
@NamedQuery(name = Script.COUNT_ALL, query = "SELECT COUNT(s) FROM Script s")
@NamedQuery(name = Script.FIND_BY_NAME, query = "SELECT s FROM Script s WHERE s.name = :name")
@NamedQuery(name = Script.FIND_SCHEDULED, query = "SELECT s FROM Script s WHERE s.active = true"
        + " AND s.schedule.kind <> dev.scriptexecuter.script.entity.ScheduleKind.MANUAL")
public class Script {

    public static final String FIND_ALL = "Script.findAll";
    public static final String COUNT_ALL = "Script.countAll";
    public static final String FIND_BY_NAME = "Script.findByName";
    public static final String FIND_SCHEDULED = "Script.findScheduled";

    @Id
    private String id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    private String description;

    private boolean active;

    /** Set when the server paused the script itself; null when a person paused it, or it is active. */
    @Column(name = "paused_reason", length = 500)
    private String pausedReason;

    /** When a person paused it (null when active, or paused by the server): what a resume catches up from. */
    @Column(name = "paused_at")
    private LocalDateTime pausedAt;

    /** When its pause ends by itself; null for a pause until somebody resumes it. */
    @Column(name = "paused_until")
    private LocalDateTime pausedUntil;

    @Embedded
    private ScriptCode code;

    /** SHA-256 of the normalised requirements: the id of the environment the script runs in; null for none. */
    @Column(name = "requirements_hash", length = 64)
    private String requirementsHash;

    @Embedded
    private Schedule schedule;

    @Lob
    @Column(name = "data_json", nullable = false)
    private String dataJson;

    /** Its tags as ",db,etl," (sorted, each between commas, so that a filter is a LIKE); null: none. */
    @Column(length = 1000)
    private String tags;

    /** What its runs' input is checked against (JSON; null: any object). */
    @Lob
    @Column(name = "input_schema")
    private String inputSchema;

    /** Grows with every change of the data, by an edit or a run. */
    @Column(name = "data_version", nullable = false)
    private long dataVersion;

    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    @Column(name = "next_fire_at")
    private LocalDateTime nextFireAt;

    @Embedded
    private LastRun lastRun;

    @Embedded
    private RunPolicy policy = RunPolicy.defaults();

    /** The number of the {@link ScriptVersion} the script's code is; null only before its first save. */
    @Column(name = "current_version")
    private Integer currentVersion;

    @Version
    private long version;

    protected Script() {
    }

    public Script(String name, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.name = Objects.requireNonNull(name);
        this.createdAt = column(now);
        this.updatedAt = column(now);
        this.schedule = Schedule.manual();
        this.dataJson = "{}";
        this.active = true;
    }

    /** Replaces everything a person edits; the schedule's next fire time is the scheduler's business. */
    public void edit(ScriptContent content, Instant now) {
        this.name = content.name();
        this.description = content.description();
        if (active && !content.active()) {
            this.pausedAt = column(now);
        }
        this.active = content.active();
        if (active) {
            this.pausedReason = null;
            this.pausedAt = null;
            this.pausedUntil = null;
        }
        this.code = new ScriptCode(content.mainCode(), content.triggerCode(), content.requirements());
        this.requirementsHash = content.requirementsHash();
        this.schedule = content.schedule();
        this.policy = content.policy();
        this.inputSchema = content.inputSchema();
        this.tags = content.tags().isEmpty() ? null : "," + String.join(",", content.tags()) + ",";
        if (!content.dataJson().equals(dataJson)) {
            this.dataJson = content.dataJson();
            this.dataVersion++;
        }
        this.updatedAt = column(now);
    }

    /** Whether the fields {@link #changes} named include code (main, trigger, requirements): a new version. */
    public static boolean touchesCode(java.util.List<String> changes) {
        return changes.contains("mainCode") || changes.contains("triggerCode") || changes.contains("requirements");
    }

    /** The names of the fields {@code content} would change (as the API calls them), for the audit log. */
    public java.util.List<String> changes(ScriptContent content) {
        var changed = new java.util.ArrayList<String>();
        addIf(changed, "name", !Objects.equals(name, content.name()));
        addIf(changed, "description", !Objects.equals(description, content.description()));
        addIf(changed, "active", active != content.active());
        addIf(changed, "mainCode", !Objects.equals(mainCode(), content.mainCode()));
        addIf(changed, "triggerCode", !Objects.equals(triggerCode(), content.triggerCode()));
        addIf(changed, "requirements", !Objects.equals(requirements(), content.requirements()));
        addIf(changed, "schedule", !Objects.equals(schedule, content.schedule()));
        addIf(changed, "policy", !Objects.equals(policy(), content.policy()));
        addIf(changed, "data", !Objects.equals(dataJson, content.dataJson()));
        addIf(changed, "inputSchema", !Objects.equals(inputSchema, content.inputSchema()));
        addIf(changed, "tags", !tags().equals(content.tags()));
        return changed;
    }

    private static void addIf(java.util.List<String> names, String name, boolean changed) {
        if (changed) {
            names.add(name);
        }
    }

    /** Counts the script's code as a new version and gives its number. */
    public int advanceVersion() {
        currentVersion = currentVersion() + 1;
        return currentVersion;
    }

    /** What {@link #edit} needs, checked by the caller. */
    public record ScriptContent(String name, String description, boolean active, String mainCode,
                                String triggerCode, String requirements, String requirementsHash, Schedule schedule,
                                RunPolicy policy, String dataJson, String inputSchema, java.util.List<String> tags) {
    }

    /** What it is now, as an edit would give it, active or paused. */
    public ScriptContent content(boolean active) {
        return new ScriptContent(name, description, active, mainCode(), triggerCode(), requirements(),
                requirementsHash, schedule, policy(), dataJson, inputSchema, tags());
    }

    public void planNextFire(Instant next) {
        this.nextFireAt = next == null ? null : column(next);
    }

    /** The server stops scheduling the script, and says why, e.g. because its schedule cannot be computed. */
    public void pauseBecause(String reason) {
        this.active = false;
        this.pausedReason = reason.length() > 500 ? reason.substring(0, 499) + "…" : reason;
    }

    public String pausedReason() {
        return pausedReason;
    }

    /** Its pause ends by itself at {@code until}, or (null) when somebody resumes it; a paused script only. */
    public void pauseUntil(Instant until) {
        if (active) {
            throw new IllegalStateException("an active script has no pause to end");
        }
        this.pausedUntil = until == null ? null : column(until);
    }

    public Instant pausedAt() {
        return instant(pausedAt);
    }

    public Instant pausedUntil() {
        return instant(pausedUntil);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public boolean active() {
        return active;
    }

    /** Its code as it is now; each version keeps a copy. */
    public ScriptCode code() {
        return code;
    }

    public String mainCode() {
        return code.mainCode();
    }

    public String triggerCode() {
        return code.triggerCode();
    }

    public String requirements() {
        return code.requirements();
    }

    public RunPolicy policy() {
        return policy == null ? RunPolicy.defaults() : policy;
    }

    public String requirementsHash() {
        return requirementsHash;
    }

    public Schedule schedule() {
        return schedule;
    }

    public String dataJson() {
        return dataJson;
    }

    /** The input schema as saved (checked then); null when it has none. */
    public String inputSchema() {
        return inputSchema;
    }

    /** Its tags, sorted (none: empty). */
    public java.util.List<String> tags() {
        return tagsOf(tags);
    }

    /** Tags as the column holds them (",db,etl,"), as a list. */
    public static java.util.List<String> tagsOf(String column) {
        return column == null ? java.util.List.of()
                : java.util.Arrays.stream(column.split(",")).filter(tag -> !tag.isEmpty()).toList();
    }

    /** How a tag is found in the stored column: {@code LIKE} this {@code ESCAPE '\'} (any text: escaped). */
    public static String tagPattern(String tag) {
        return "%," + tag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ",%";
    }

    public long dataVersion() {
        return dataVersion;
    }

    public Instant createdAt() {
        return instant(createdAt);
    }

    public Instant updatedAt() {
        return instant(updatedAt);
    }

    public Instant nextFireAt() {
        return instant(nextFireAt);
    }

    public LastRun lastRun() {
        return lastRun;
    }

    /** The number of the script's current code version; 0 before its first save. */
    public int currentVersion() {
        return currentVersion == null ? 0 : currentVersion;
    }

    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Script other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
