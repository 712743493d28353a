package dev.scriptexecuter.execution.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import dev.scriptexecuter.script.entity.Script;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * One execution of a script. Written as QUEUED before anything starts, so a
 * node that dies leaves evidence; FINISHED runs carry their outcome, log and
 * the data they left.
 */
@Entity
@Table(name = "run")
@NamedQuery(name = Run.FIND_BY_SCRIPT,
        query = "SELECT r FROM Run r WHERE r.script.id = :scriptId ORDER BY r.queuedAt DESC, r.id")
@NamedQuery(name = Run.COUNT_BY_SCRIPT, query = "SELECT COUNT(r) FROM Run r WHERE r.script.id = :scriptId")
@NamedQuery(name = Run.COUNT_UNFINISHED_OF_SCRIPT, query = "SELECT COUNT(r) FROM Run r WHERE r.script.id = :scriptId"
        + " AND r.status <> dev.scriptexecuter.execution.entity.RunStatus.FINISHED")
@NamedQuery(name = Run.FIND_UNFINISHED_ON_NODE, query = "SELECT r FROM Run r WHERE r.nodeName = :node"
        + " AND r.status <> dev.scriptexecuter.execution.entity.RunStatus.FINISHED"
        // waiting for a tag's slot belongs to no node: any node begins it when one is free
        + " AND (r.status <> dev.scriptexecuter.execution.entity.RunStatus.WAITING OR r.waitingFor IS NULL)")
public class Run {

    public static final String FIND_BY_SCRIPT = "Run.findByScript";
    public static final String COUNT_BY_SCRIPT = "Run.countByScript";
    public static final String COUNT_UNFINISHED_OF_SCRIPT = "Run.countUnfinishedOfScript";
    public static final String FIND_UNFINISHED_ON_NODE = "Run.findUnfinishedOnNode";
    private static final int MAX_ERROR = 4000;

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "script_id")
    private Script script;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_kind", nullable = false)
    private TriggerKind trigger;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RunStatus status;

    @Enumerated(EnumType.STRING)
    private RunOutcome outcome;

    @Column(name = "scheduled_for")
    private LocalDateTime scheduledFor;

    @Column(name = "queued_at", nullable = false)
    private LocalDateTime queuedAt;

    @Column(name = "started_at")
    private LocalDateTime startedAt;

    @Column(name = "finished_at")
    private LocalDateTime finishedAt;

    @Column(name = "exit_code")
    private Integer exitCode;

    /** CPU time and peak memory its processes reported (getrusage, wait4); null where not measured. */
    @Column(name = "cpu_user_ms")
    private Long cpuUserMillis;

    @Column(name = "cpu_system_ms")
    private Long cpuSystemMillis;

    @Column(name = "peak_memory_bytes")
    private Long peakMemoryBytes;

    /** The same, as the run's own cgroups counted them; null where runs have none. */
    @Column(name = "cgroup_cpu_user_ms")
    private Long cgroupCpuUserMillis;

    @Column(name = "cgroup_cpu_system_ms")
    private Long cgroupCpuSystemMillis;

    @Column(name = "cgroup_peak_memory_bytes")
    private Long cgroupPeakMemoryBytes;

    /** "spawn" or "warm": how its Python process was made; null when it never had one. */
    @Column(name = "process_mode")
    private String processMode;

    @Column(name = "node_name", nullable = false)
    private String nodeName;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    @Column(length = 4000)
    private String error;

    /** Up to the log cap per run: loaded only when asked for, not with every list of runs. */
    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "log_text")
    private String log;

    @Lob
    @Column(name = "data_before")
    private String dataBefore;

    @Lob
    @Column(name = "data_after")
    private String dataAfter;

    /** The JSON object it was given to work on, if any (main's and trigger's second parameter). */
    @Lob
    @Column(name = "input_json", updatable = false)
    private String input;

    /** The JSON value main returned, if it returned one that could be stored. */
    @Lob
    @Column(name = "result_json")
    private String result;

    /** Until when the node running (or about to run) it vouches for it; renewed while it lives. */
    @Column(name = "lease_until")
    private LocalDateTime leaseUntil;

    /** When somebody asked (on any node) to stop it; the node running it acts on it. */
    @Column(name = "stop_requested_at")
    private LocalDateTime stopRequestedAt;

    /** 1 for a first try; a retry of a FAILED or TIMED_OUT run counts on. */
    @Column(nullable = false)
    private int attempt = 1;

    /** When this run's retry is due; null when none is pending (none asked for, or made already). */
    @Column(name = "retry_due_at")
    private LocalDateTime retryDueAt;

    /** The first run of the tries this run belongs to; null for a first try. */
    @Column(name = "retry_of", length = 36)
    private String retryOf;

    /** The environment the run ran in (its requirements' hash); null on the base interpreter. */
    @Column(name = "environment_id", length = 64)
    private String environmentId;

    /** The number of the script's code version the run ran; null until it starts. */
    @Column(name = "script_version")
    private Integer scriptVersion;

    /** Who asked for it (manual and forced runs, and their retries); null for scheduled runs. */
    @Column(name = "requested_by", length = 100)
    private String requestedBy;

    /** The trigger URL that asked for it (trigger HOOK); kept when the URL is revoked. */
    @Column(name = "hook_id", length = 36, updatable = false)
    private String hookId;

    /** The run whose end started this one through its script's chain (trigger CHAIN); null otherwise. */
    @Column(name = "started_by", length = 36, updatable = false)
    private String startedBy;

    /** How many runs started one another before this one (0: not started by a chain). */
    @Column(name = "chain_depth", nullable = false, updatable = false)
    private int chainDepth;

    /** The tag whose concurrency limit this run waits for (status WAITING); null otherwise. */
    @Column(name = "waiting_for", length = 40)
    private String waitingFor;

    /** The tags of whose limits it holds a slot while it runs, as ",db,etl,"; given back as it ends. */
    @Column(name = "tag_slots", length = 1000)
    private String tagSlots;

    /** This run ended and its chain's runs are still to be made (by whichever node claims them first). */
    @Column(name = "chain_due_at")
    private LocalDateTime chainDueAt;

    protected Run() {
    }

    public Run(Script script, TriggerKind trigger, Instant scheduledFor, String nodeName, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.script = Objects.requireNonNull(script);
        this.trigger = Objects.requireNonNull(trigger);
        this.scheduledFor = column(scheduledFor);
        this.nodeName = Objects.requireNonNull(nodeName);
        this.queuedAt = column(now);
        this.status = RunStatus.QUEUED;
    }

    /** A run that starts when the script's current run has ended. */
    public Run waiting() {
        this.status = RunStatus.WAITING;
        return this;
    }

    /** The tag whose limit it waits for a slot of (set only by a conditional update); null: none. */
    public String waitingFor() {
        return waitingFor;
    }

    /** Whether it holds slots of tags' limits (taken when it began, or when it was promoted from waiting). */
    public boolean holdsTagSlots() {
        return tagSlots != null;
    }

    /** Holds a slot of these tags' limits (none: null) while it runs. */
    public void holdTagSlots(java.util.List<String> tags) {
        this.tagSlots = tagSlotsColumn(tags);
    }

    /** The column's text for these tags' slots: null for none. */
    public static String tagSlotsColumn(java.util.List<String> tags) {
        return tags.isEmpty() ? null : "," + String.join(",", tags) + ",";
    }

    /** A run given an input (a JSON object's text). */
    public Run given(String inputJson) {
        this.input = inputJson;
        return this;
    }

    /** A run its chain starts after {@code parent} ended. */
    public Run chainedFrom(Run parent) {
        this.startedBy = parent.id;
        this.chainDepth = parent.chainDepth + 1;
        return this;
    }

    public String startedBy() {
        return startedBy;
    }

    public int chainDepth() {
        return chainDepth;
    }

    /** A run a trigger URL asked for. */
    public Run calledBy(String hookId) {
        this.hookId = hookId;
        return this;
    }

    public String hookId() {
        return hookId;
    }

    /** A run somebody asked for, counted against their quota. */
    public Run requestedBy(String username) {
        this.requestedBy = username;
        return this;
    }

    public String requestedBy() {
        return requestedBy;
    }

    /** A retry of {@code failed}: the next attempt, linked to the first try, asked for by the same person. */
    public Run retrying(Run failed) {
        this.requestedBy = failed.requestedBy;
        this.hookId = failed.hookId;
        this.startedBy = failed.startedBy;
        this.chainDepth = failed.chainDepth;
        this.input = failed.input; // tried again with what it was given
        this.attempt = failed.attempt + 1;
        this.retryOf = failed.retryOf != null ? failed.retryOf : failed.id;
        return this;
    }

    public Instant leaseUntil() {
        return instant(leaseUntil);
    }

    public int attempt() {
        return attempt;
    }

    public String retryOf() {
        return retryOf;
    }

    /**
     * @param dataBefore    the script's data as the run gets it
     * @param scriptVersion the number of the script's code version it runs
     */
    public void start(Instant now, String dataBefore, int scriptVersion, String environmentId, Instant leaseUntil) {
        this.status = RunStatus.RUNNING;
        this.scriptVersion = scriptVersion;
        this.leaseUntil = column(leaseUntil);
        this.startedAt = column(now);
        this.dataBefore = dataBefore;
        this.environmentId = environmentId;
    }

    public Integer scriptVersion() {
        return scriptVersion;
    }

    public String environmentId() {
        return environmentId;
    }

    /** Ends a run that never started (e.g. OVERLAPPED); running runs end through a conditional update. */
    public boolean finish(RunOutcome outcome, Integer exitCode, String error, String log, String dataAfter,
                          Instant now) {
        if (status == RunStatus.FINISHED) {
            return false;
        }
        this.status = RunStatus.FINISHED;
        this.outcome = Objects.requireNonNull(outcome);
        this.exitCode = exitCode;
        this.error = limitError(error);
        this.log = log;
        this.dataAfter = dataAfter;
        this.finishedAt = column(now);
        return true;
    }

    /** An error message as it fits the column. */
    public static String limitError(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 3) + "...";
    }

    public void attachJob(long jobExecutionId) {
        this.jobExecutionId = jobExecutionId;
    }

    public String id() {
        return id;
    }

    public Script script() {
        return script;
    }

    public TriggerKind trigger() {
        return trigger;
    }

    public RunStatus status() {
        return status;
    }

    public RunOutcome outcome() {
        return outcome;
    }

    public Instant scheduledFor() {
        return instant(scheduledFor);
    }

    public Instant queuedAt() {
        return instant(queuedAt);
    }

    public Instant startedAt() {
        return instant(startedAt);
    }

    public Instant finishedAt() {
        return instant(finishedAt);
    }

    public Integer exitCode() {
        return exitCode;
    }

    public Long cpuUserMillis() {
        return cpuUserMillis;
    }

    public Long cpuSystemMillis() {
        return cpuSystemMillis;
    }

    public Long peakMemoryBytes() {
        return peakMemoryBytes;
    }

    public Long cgroupCpuUserMillis() {
        return cgroupCpuUserMillis;
    }

    public Long cgroupCpuSystemMillis() {
        return cgroupCpuSystemMillis;
    }

    public Long cgroupPeakMemoryBytes() {
        return cgroupPeakMemoryBytes;
    }

    public String processMode() {
        return processMode;
    }

    public String nodeName() {
        return nodeName;
    }

    public Long jobExecutionId() {
        return jobExecutionId;
    }

    public String error() {
        return error;
    }

    public String log() {
        return log;
    }

    public String dataBefore() {
        return dataBefore;
    }

    public String dataAfter() {
        return dataAfter;
    }

    public String input() {
        return input;
    }

    public String result() {
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Run other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
