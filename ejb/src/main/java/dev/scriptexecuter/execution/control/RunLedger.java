package dev.scriptexecuter.execution.control;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;

import dev.scriptexecuter.execution.boundary.RunChanged;
import dev.scriptexecuter.execution.boundary.RunEnding;
import dev.scriptexecuter.execution.boundary.RunFinished;
import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.execution.entity.TriggerKind;
import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.infrastructure.NativeUpdate;
import dev.scriptexecuter.infrastructure.Node;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.UtcColumns;
import dev.scriptexecuter.python.boundary.ExtraSandboxPaths;
import dev.scriptexecuter.python.boundary.ResourceUsage;
import dev.scriptexecuter.script.boundary.InputSchema;
import dev.scriptexecuter.script.boundary.ScriptDeleting;
import dev.scriptexecuter.script.entity.ChainStep;
import dev.scriptexecuter.script.entity.ChainWhen;
import dev.scriptexecuter.script.entity.OverlapPolicy;
import dev.scriptexecuter.script.entity.Script;
import dev.scriptexecuter.variable.boundary.RunVariables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a run's life to the database, each step in a transaction of its own
 * so that what is written is visible at once to the batch thread, the API and
 * other nodes: queued, running, finished (with the script's new data and its
 * last-run summary).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class RunLedger {

    static final String DATA_CHANGED = "The script's data was changed while this run ran (by an edit or another run);"
            + " this run's data was not saved.";

    private static final ResourceUsage UNMEASURED = new ResourceUsage(null, null, null);

    @Inject
    RunLogChunks logChunks;

    @PersistenceContext
    EntityManager em;

    @Inject
    Node node;

    @Inject
    Clock clock;

    @Inject
    Event<RunChanged> changed;

    @Inject
    Event<RunFinished> finished;

    @Inject
    RunVariables runVariables;

    @Inject
    Event<RunEnding> ending;

    @Inject
    Event<ChainDue> chainDue;

    @Inject
    Event<TagSlotsFreed> tagSlotsFreed;

    /** The most runs one run may start one after the other, through chains (also checked when a chain is saved). */
    @Inject
    @ConfigProperty(name = "ses.chain.max-depth", defaultValue = "10")
    int maxChainDepth;

    @Inject
    @ConfigProperty(name = "ses.run.lease", defaultValue = "PT30S")
    java.time.Duration lease;

    /**
     * The rows of a schedule's occurrences that this node claimed, in the claim's transaction: the first
     * is launched unless its script's overlap policy says it waits or is OVERLAPPED (the others of a
     * catch-up wait); occurrences before {@code lateBefore} are catch-ups. The {@code missed} ones, which
     * the misfire policy does not run, are recorded MISSED with {@code missedBecause}.
     *
     * @return the run to launch now, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String occurrences(Script script, List<Instant> due, Instant lateBefore, List<Instant> missed,
                              String missedBecause) {
        Instant now = clock.instant();
        Map<RunStatus, Long> unfinished = unfinishedOf(script.id());
        long active = unfinished.getOrDefault(RunStatus.QUEUED, 0L) + unfinished.getOrDefault(RunStatus.RUNNING, 0L);
        long waiting = unfinished.getOrDefault(RunStatus.WAITING, 0L);
        OverlapPolicy overlap = script.policy().overlap();
        String launch = null;
        String defaults = scheduledInput(script);
        for (Instant at : due) {
            Run run = new Run(script, at.isBefore(lateBefore) ? TriggerKind.CATCH_UP : TriggerKind.SCHEDULED, at,
                    node.name(), now).given(defaults);
            if (launch == null && waiting == 0 && (active == 0 || overlap == OverlapPolicy.ALLOW)) {
                launch = run.id();
            } else if (due.size() > 1 || (overlap == OverlapPolicy.QUEUE && waiting == 0)) {
                run.waiting();
                waiting++;
            } else {
                run.finish(RunOutcome.OVERLAPPED, null, "The previous run was still going when this one was due.",
                        null, null, now);
            }
            em.persist(run);
        }
        for (Instant passed : missed) {
            Run run = new Run(script, TriggerKind.SCHEDULED, passed, node.name(), now);
            run.finish(RunOutcome.MISSED, null, missedBecause, null, null, now);
            em.persist(run);
        }
        return launch;
    }

    /** What a scheduled run is given: its schema's defaults (null when the script has no schema). */
    private static String scheduledInput(Script script) {
        InputSchema schema = InputSchema.stored(script.inputSchema());
        return schema.isEmpty() ? null : Json.text(schema.defaults());
    }

    /** How many of the script's runs wait, are queued and run, in one query (the claim of every occurrence asks). */
    private Map<RunStatus, Long> unfinishedOf(String scriptId) {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        em.createQuery("SELECT r.status, COUNT(r) FROM Run r WHERE r.script.id = :id AND r.status <> :finished"
                        + " GROUP BY r.status", Object[].class).setParameter("id", scriptId)
                .setParameter("finished", RunStatus.FINISHED).getResultList()
                .forEach(row -> counts.put((RunStatus) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** @param requestedBy who asks for the run; their quota counts it */
    public String queue(String scriptId, TriggerKind trigger, String requestedBy) {
        return queue(scriptId, trigger, requestedBy, null);
    }

    /**
     * @param inputJson the JSON object the run is given (null: none), checked against the script's input
     *                  schema, which fills in its defaults (refused naming the field: nothing is written)
     */
    public String queue(String scriptId, TriggerKind trigger, String requestedBy, String inputJson) {
        return queueRun(scriptId, trigger, inputJson, run -> run.requestedBy(requestedBy));
    }

    /** A run a trigger URL asked for (counted against its script's quota only), and the URL's last call. */
    public String queueCalled(String scriptId, String hookId, String inputJson, Instant now) {
        String runId = queueRun(scriptId, TriggerKind.HOOK, inputJson, run -> run.calledBy(hookId));
        em.createQuery("UPDATE RunHook h SET h.calledAt = :now WHERE h.id = :id").setParameter("now", column(now))
                .setParameter("id", hookId).executeUpdate();
        return runId;
    }

    private String queueRun(String scriptId, TriggerKind trigger, String inputJson, java.util.function.Consumer<Run> who) {
        Script script = em.find(Script.class, scriptId);
        if (script == null) {
            throw RequestRejected.notFound("There is no script with id '" + scriptId + "'.");
        }
        Run run = new Run(script, trigger, null, node.name(), clock.instant()).given(checkedInput(script, inputJson));
        who.accept(run);
        em.persist(run);
        changed.fire(new RunChanged(run.id(), scriptId, RunStatus.QUEUED.name(), null));
        return run.id();
    }

    /** The input checked against the script's schema, with its defaults filled in (refused naming the field). */
    private static String checkedInput(Script script, String inputJson) {
        InputSchema schema = InputSchema.stored(script.inputSchema());
        return schema.isEmpty() ? inputJson
                : Json.text(schema.apply(inputJson == null ? null : Json.parseObject(inputJson)));
    }

    /**
     * Whose quotas a run counts against: its script's, and the user who asked for it. A scheduled run
     * (and its retries) has no user: the schedule is the script's, bounded by the script's own quota,
     * and one person's many scheduled scripts must not crowd each other out.
     */
    public RunOwner owner(String runId) {
        Object[] row = em.createQuery("SELECT r.script.id, r.requestedBy FROM Run r WHERE r.id = :id", Object[].class)
                .setParameter("id", runId).getSingleResult();
        return new RunOwner((String) row[0], (String) row[1]);
    }

    /** Marks a queued run RUNNING and hands out what it needs; empty if it was stopped or deleted meanwhile. */
    public Optional<RunTicket> begin(String runId, long jobExecutionId) {
        // the run with its script in one read: the script is read here, not taken from the claim, since the
        // wait for a slot may be long and its data may have changed meanwhile
        Run run = em.createQuery("SELECT r FROM Run r JOIN FETCH r.script WHERE r.id = :id", Run.class)
                .setParameter("id", runId).getResultStream().findFirst().orElse(null);
        if (run == null || run.status() != RunStatus.QUEUED) {
            return Optional.empty();
        }
        // a run promoted from waiting holds its slots already
        List<String> limited = run.holdsTagSlots() ? List.of() : limitedTags(run.script().tags());
        String full = limited.isEmpty() ? null : takeTagSlots(run, limited);
        if (full != null) {
            // only while it is still queued: the row may have been ended meanwhile (a stop, another node's
            // sweep), and a write by id would bring it back
            if (em.createQuery("UPDATE Run r SET r.status = :waiting, r.waitingFor = :tag WHERE r.id = :id"
                            + " AND r.status = :queued").setParameter("waiting", RunStatus.WAITING)
                    .setParameter("tag", full).setParameter("id", runId).setParameter("queued", RunStatus.QUEUED)
                    .executeUpdate() == 1) {
                changed.fire(new RunChanged(run.id(), run.script().id(), RunStatus.WAITING.name(), null));
            }
            return Optional.empty();
        }
        // made this node's own by a conditional write first: only then are the rest of its columns written
        if (em.createQuery("UPDATE Run r SET r.status = :running WHERE r.id = :id AND r.status = :queued")
                .setParameter("running", RunStatus.RUNNING).setParameter("id", runId)
                .setParameter("queued", RunStatus.QUEUED).executeUpdate() == 0) {
            giveBackTagSlots(limited); // stopped or ended meanwhile
            return Optional.empty();
        }
        if (!limited.isEmpty()) {
            run.holdTagSlots(limited);
        }
        // read after the slots were taken: a run's start is never before the end of the run whose slot it took
        Instant now = clock.instant();
        run.start(now, run.script().dataJson(), run.script().currentVersion(), run.script().requirementsHash(),
                now.plus(lease));
        run.attachJob(jobExecutionId);
        em.flush();
        changed.fire(new RunChanged(run.id(), run.script().id(), RunStatus.RUNNING.name(), null));
        Script script = run.script();
        updateLastRun(script.id(), run);
        RunVariables.Resolved variables = runVariables.of(script.id());
        return Optional.of(new RunTicket(run.id(), script.id(), script.name(), script.mainCode(),
                script.triggerCode(), script.requirements(), script.dataJson(), script.dataVersion(),
                run.trigger() == TriggerKind.FORCED, script.policy().timeout(), script.policy().allowNetwork(),
                script.policy().runMode() == null ? null : script.policy().runMode().name().toLowerCase(Locale.ROOT),
                variables.environment(), variables.secrets(),
                ExtraSandboxPaths.of(script.policy().readOnlyPaths(), script.policy().writablePaths()), run.input()));
    }

    /**
     * Takes a slot of every limited tag of the run's script, in the order of their names (one at a time, by a
     * conditional update on the latest row whatever the isolation level: no two nodes take the last slot);
     * when one is full, gives back those it took and says which.
     *
     * @return the tag with no free slot, or null when the run may begin
     */
    private String takeTagSlots(Run run, List<String> limited) {
        // first come, first served: a run does not take a slot that runs queued before it wait for
        List<String> awaited = em.createQuery("SELECT r.waitingFor FROM Run r WHERE r.status = :waiting"
                        + " AND r.waitingFor IN :tags AND r.queuedAt < :queued ORDER BY r.waitingFor", String.class)
                .setParameter("waiting", RunStatus.WAITING).setParameter("tags", limited)
                .setParameter("queued", column(run.queuedAt())).setMaxResults(1).getResultList();
        if (!awaited.isEmpty()) {
            return awaited.getFirst();
        }
        return takeTagSlots(limited);
    }

    /** Which of these tags have a limit row, in the order slots are taken (their names). */
    private List<String> limitedTags(List<String> tags) {
        return tags.isEmpty() ? List.of() : em.createQuery("SELECT l.tag FROM TagLimit l WHERE l.tag IN :tags"
                + " ORDER BY l.tag", String.class).setParameter("tags", tags).getResultList();
    }

    /**
     * Takes a slot of each of these tags, or none (returning the full one). The caller records the slots on
     * the run's row in the write that makes the run its own (never on a managed entity before a conditional
     * update: a flush would write them to a row another node made its own meanwhile, and that run would
     * begin holding nothing, then give back a slot it never took).
     */
    private String takeTagSlots(List<String> limited) {
        List<String> taken = new java.util.ArrayList<>();
        for (String tag : limited) {
            int got = em.createQuery("UPDATE TagLimit l SET l.running = l.running + 1 WHERE l.tag = :tag"
                    + " AND (l.maxRunning IS NULL OR l.running < l.maxRunning)").setParameter("tag", tag).executeUpdate();
            if (got == 0) {
                giveBackTagSlots(taken);
                return tag;
            }
            taken.add(tag);
        }
        return null;
    }

    /** One row at a time, in the order of their names, as they are taken: no two transactions lock them crosswise. */
    private void giveBackTagSlots(List<String> tags) {
        for (String tag : tags.stream().sorted().toList()) {
            em.createQuery("UPDATE TagLimit l SET l.running = l.running - 1 WHERE l.tag = :tag AND l.running > 0")
                    .setParameter("tag", tag).executeUpdate();
        }
    }

    /**
     * A script is deleted with its runs: the slots its unfinished runs hold are given back, in the deletion's
     * transaction (their ends will find no row to end). Each is ended here first by a conditional update, so a
     * run ending on its own at the same moment gives them back once, not twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onScriptDeleting(@Observes ScriptDeleting deleting) {
        List<Object[]> holding = em.createQuery("SELECT r.id, r.tagSlots FROM Run r WHERE r.script.id = :id"
                        + " AND r.status <> :finished AND r.tagSlots IS NOT NULL", Object[].class)
                .setParameter("id", deleting.scriptId()).setParameter("finished", RunStatus.FINISHED).getResultList();
        for (Object[] row : holding) {
            if (em.createQuery("UPDATE Run r SET r.status = :finished WHERE r.id = :id AND r.status <> :finished")
                    .setParameter("finished", RunStatus.FINISHED).setParameter("id", row[0]).executeUpdate() == 1) {
                giveBackTagSlots(Script.tagsOf((String) row[1]));
            }
        }
        if (!holding.isEmpty()) {
            tagSlotsFreed.fire(new TagSlotsFreed());
        }
    }

    /**
     * Runs waiting for a tag's slot that may begin now, the oldest first, at most {@code max}: each takes
     * its slots here (so no run queued later takes them first) and becomes QUEUED on this node, to be
     * launched; it gives them back when it ends, however it ends. Only runs waiting for a tag that has a
     * free slot are read, so a full tag's queue does not hide another's.
     */
    public List<String> promoteTagWaiting(int max) {
        List<String> free = em.createQuery("SELECT l.tag FROM TagLimit l WHERE l.maxRunning IS NULL"
                + " OR l.running < l.maxRunning", String.class).getResultList();
        if (free.isEmpty()) {
            return List.of();
        }
        List<Run> waiting = em.createQuery("SELECT r FROM Run r JOIN FETCH r.script WHERE r.status = :waiting"
                        + " AND r.waitingFor IN :free ORDER BY r.queuedAt, r.id", Run.class)
                .setParameter("waiting", RunStatus.WAITING).setParameter("free", free)
                .setMaxResults(Math.max(max, 1) * 4).getResultList();
        Instant now = clock.instant();
        List<String> promoted = new java.util.ArrayList<>();
        for (Run run : waiting) {
            if (promoted.size() >= max) {
                break;
            }
            List<String> limited = limitedTags(run.script().tags());
            if (takeTagSlots(limited) != null) {
                continue; // one of its tags is full after all: it waits on
            }
            if (queueWaiting(run.id(), now, limited)) {
                promoted.add(run.id());
            } else {
                giveBackTagSlots(limited); // stopped meanwhile, or made another node's (or queued by its script)
            }
        }
        return promoted;
    }

    /**
     * A waiting run becomes QUEUED on this node, leased from now (its queue time may be long past: without
     * a lease of its own another node would take it for a dead node's run). False if it is not waiting any more.
     */
    private boolean queueWaiting(String runId, Instant now, List<String> tagSlots) {
        // the slots it holds are written by this same conditional update, or not at all
        return em.createQuery("UPDATE Run r SET r.status = :queued, r.nodeName = :node, r.leaseUntil = :lease,"
                        + " r.waitingFor = NULL, r.tagSlots = :slots WHERE r.id = :id AND r.status = :waiting")
                .setParameter("queued", RunStatus.QUEUED).setParameter("node", node.name())
                .setParameter("lease", column(now.plus(lease))).setParameter("slots", Run.tagSlotsColumn(tagSlots))
                .setParameter("id", runId).setParameter("waiting", RunStatus.WAITING).executeUpdate() == 1;
    }

    /**
     * Ends a run with its result; only the first end counts, so a late report
     * cannot overwrite a stop or an interruption, nor the other way round. The
     * run's data is saved only if nobody changed the script's data meanwhile.
     *
     * @param dataVersion the version of the data the run was given
     */
    public void complete(String runId, RunResult result, long dataVersion, String processMode) {
        Instant now = clock.instant();
        ResourceUsage usage = result.usage() != null ? result.usage() : UNMEASURED;
        ResourceUsage cgroup = result.cgroupUsage() != null ? result.cgroupUsage() : UNMEASURED;
        // ended without its process (its node died, or it never started): the log its node shared, if any
        String log = result.log() != null ? result.log() : sharedLog(runId);
        int ended = em.createQuery("UPDATE Run r SET r.status = :finished, r.outcome = :outcome, r.exitCode = :exit,"
                        + " r.error = :error, r.log = :log, r.dataAfter = :data, r.finishedAt = :now,"
                        + " r.processMode = :mode, r.cpuUserMillis = :user, r.cpuSystemMillis = :system,"
                        + " r.peakMemoryBytes = :peak, r.cgroupCpuUserMillis = :cgroupUser,"
                        + " r.cgroupCpuSystemMillis = :cgroupSystem, r.cgroupPeakMemoryBytes = :cgroupPeak,"
                        + " r.result = :result WHERE r.id = :id AND r.status <> :finished")
                .setParameter("finished", RunStatus.FINISHED).setParameter("outcome", result.outcome())
                .setParameter("exit", result.exitCode()).setParameter("error", Run.limitError(result.error()))
                .setParameter("log", log).setParameter("data", result.dataToSave())
                .setParameter("now", column(now)).setParameter("mode", processMode)
                .setParameter("user", usage.cpuUserMillis()).setParameter("system", usage.cpuSystemMillis())
                .setParameter("peak", usage.peakMemoryBytes()).setParameter("cgroupUser", cgroup.cpuUserMillis())
                .setParameter("cgroupSystem", cgroup.cpuSystemMillis())
                .setParameter("cgroupPeak", cgroup.peakMemoryBytes()).setParameter("result", result.resultJson())
                .setParameter("id", runId)
                .executeUpdate();
        if (ended == 0) {
            return;
        }
        if (result.log() == null) {
            logChunks.removeOf(runId); // else the sweep (RunLeases) takes them: no statement more per run
        }
        // the row holds what was just written; the rest of what the ending needs, in one narrow read (not
        // the run with its log and the script with its code)
        Object[] row = em.createQuery("SELECT r.script.id, r.dataBefore, r.startedAt, r.scheduledFor, r.tagSlots"
                + " FROM Run r WHERE r.id = :id", Object[].class).setParameter("id", runId).getSingleResult();
        if (row[4] != null) {
            // in the transaction that ends it, so a slot is given back exactly once, whichever node ends the run
            giveBackTagSlots(Script.tagsOf((String) row[4]));
            tagSlotsFreed.fire(new TagSlotsFreed());
        }
        String scriptId = (String) row[0];
        Instant startedAt = UtcColumns.instant((LocalDateTime) row[2]);
        if (result.dataToSave() != null && changed((String) row[1], result.dataToSave())
                && !saveData(scriptId, result.dataToSave(), dataVersion)) {
            em.createQuery("UPDATE Run r SET r.dataAfter = NULL, r.error = :error WHERE r.id = :id")
                    .setParameter("error", DATA_CHANGED).setParameter("id", runId).executeUpdate();
        }
        String outcome = result.outcome().name();
        boolean retrying = result.outcome().retried() && planRetry(runId, now);
        if (!retrying) {
            markChainDue(runId, scriptId, outcome, now); // a run that is tried again counts at its last try
        }
        updateLastRun(scriptId, runId, RunStatus.FINISHED.name(), outcome, startedAt, now);
        ending.fire(new RunEnding(runId, scriptId, result.outcome()));
        changed.fire(new RunChanged(runId, scriptId, RunStatus.FINISHED.name(), outcome));
        // the processes' own figures, else the cgroups' (a spawned run killed at its timeout)
        ResourceUsage measured = usage.measured() ? usage : cgroup;
        finished.fire(new RunFinished(outcome, millisBetween(startedAt, now),
                millisBetween(UtcColumns.instant((LocalDateTime) row[3]), startedAt), measured.cpuUserMillis(),
                measured.cpuSystemMillis(), measured.peakMemoryBytes()));
    }

    private String sharedLog(String runId) {
        String shared = logChunks.soFar(runId).text();
        return shared.isEmpty() ? null : shared;
    }

    private static Long millisBetween(Instant from, Instant to) {
        return from == null || to == null ? null : java.time.Duration.between(from, to).toMillis();
    }

    /** A run that left its data as it was given writes nothing (and so cannot collide with an edit). */
    private static boolean changed(String before, String after) {
        return before == null || !Json.parseObject(before).equals(Json.parseObject(after));
    }

    private boolean saveData(String scriptId, String data, long seenVersion) {
        return em.createQuery("UPDATE Script s SET s.dataJson = :data, s.dataVersion = s.dataVersion + 1"
                        + " WHERE s.id = :id AND s.dataVersion = :seen")
                .setParameter("data", data).setParameter("id", scriptId).setParameter("seen", seenVersion)
                .executeUpdate() == 1;
    }

    /**
     * When none of a script's runs is queued or running, its oldest waiting
     * run becomes QUEUED on this node; returns its id, if there was one.
     */
    public Optional<String> promoteWaiting(String scriptId) {
        // one query: nearly always nothing waits, and then the active runs need not be counted
        // a run waiting for a tag's slot waits for that, not for its script: the tag's promotion begins it
        Optional<String> oldest = em.createQuery("SELECT r.id FROM Run r WHERE r.script.id = :id AND r.status = :waiting"
                        + " AND r.waitingFor IS NULL AND NOT EXISTS (SELECT a.id FROM Run a WHERE a.script.id = :id"
                        + " AND (a.status = :queued OR a.status = :running)) ORDER BY r.scheduledFor, r.queuedAt, r.id",
                        String.class)
                .setParameter("id", scriptId).setParameter("waiting", RunStatus.WAITING)
                .setParameter("queued", RunStatus.QUEUED).setParameter("running", RunStatus.RUNNING)
                .setMaxResults(1).getResultStream().findFirst();
        return oldest.filter(runId -> queueWaiting(runId, clock.instant(), List.of()));
    }

    /**
     * The retry a FAILED or TIMED_OUT run is due, if its script asks for one
     * more try and nobody made it yet (the run's pending retry is cleared
     * here, in the transaction that queues the retry: made once, whichever
     * node or timer gets to it): a run of its own, linked to the first try;
     * it waits if another run of the script is going.
     */
    public Optional<String> queueRetry(String failedRunId) {
        int claimed = em.createQuery("UPDATE Run r SET r.retryDueAt = NULL WHERE r.id = :id"
                + " AND r.retryDueAt IS NOT NULL").setParameter("id", failedRunId).executeUpdate();
        Run failed = claimed == 1 ? em.find(Run.class, failedRunId) : null;
        if (failed == null) {
            return Optional.empty();
        }
        if (!retryable(failed)) {
            // no more tries after all (the policy changed since): this was the last one, and its chain is due
            markChainDue(failed.id(), failed.script().id(), failed.outcome().name(), clock.instant());
            return Optional.empty();
        }
        Run retry = new Run(failed.script(), failed.trigger(), null, node.name(), clock.instant()).retrying(failed);
        long active = em.createQuery("SELECT COUNT(r) FROM Run r WHERE r.script.id = :id AND r.status <> :finished",
                Long.class).setParameter("id", failed.script().id()).setParameter("finished", RunStatus.FINISHED)
                .getSingleResult();
        if (active > 0) {
            retry.waiting();
        }
        em.persist(retry);
        changed.fire(new RunChanged(retry.id(), failed.script().id(), retry.status().name(), null));
        return active > 0 ? Optional.empty() : Optional.of(retry.id());
    }

    /**
     * A run that ended FAILED or TIMED_OUT: when its script asks for another try, when the retry is due (its
     * backoff, doubling with each attempt) is kept with the run, in the transaction that ends it.
     */
    private boolean planRetry(String runId, Instant now) {
        // not in this transaction's context yet: read as the update above left it
        Run run = em.find(Run.class, runId);
        if (!retryable(run)) {
            return false;
        }
        Duration first = run.script().policy().retryBackoff();
        Instant due = now.plus(first.multipliedBy(1L << Math.min(run.attempt() - 1, 16)));
        em.createQuery("UPDATE Run r SET r.retryDueAt = :due WHERE r.id = :id")
                .setParameter("due", column(due)).setParameter("id", runId).executeUpdate();
        return true;
    }

    /**
     * A run ended so that steps of its script's chain start: marked in the transaction that ends it, so the
     * steps are made exactly once, by whichever node claims the mark first ({@link #queueChain}): this one
     * right after the commit ({@link ChainDue}), or any node's sweep ({@link #chainsDue}) should this one die.
     */
    private void markChainDue(String runId, String scriptId, String outcome, Instant now) {
        List<ChainWhen> met = ChainWhen.metBy(outcome);
        if (met.isEmpty()) {
            return;
        }
        // two plain statements: an update with a subquery costs temporary tables on MariaDB
        boolean chained = !em.createQuery("SELECT c.id FROM ChainStep c WHERE c.script.id = :script"
                        + " AND c.runWhen IN :met", String.class).setParameter("script", scriptId)
                .setParameter("met", met).setMaxResults(1).getResultList().isEmpty();
        if (chained && em.createQuery("UPDATE Run r SET r.chainDueAt = :now WHERE r.id = :id")
                .setParameter("now", column(now)).setParameter("id", runId).executeUpdate() == 1) {
            chainDue.fire(new ChainDue(runId));
        }
    }

    /**
     * The runs an ended run's chain starts, unless another node or timer made them already (the mark is
     * cleared here, in the transaction that makes them): one per step the run's outcome meets, given the
     * run's result as input (an object as it is, any other value as {@code {"result": value}}), checked
     * against the step's script's schema (a run that does not fit is recorded FAILED, saying why); a step
     * beyond {@code ses.chain.max-depth} is recorded REJECTED.
     *
     * @return the runs to launch
     */
    public List<String> queueChain(String endedRunId) {
        int claimed = em.createQuery("UPDATE Run r SET r.chainDueAt = NULL WHERE r.id = :id"
                + " AND r.chainDueAt IS NOT NULL").setParameter("id", endedRunId).executeUpdate();
        Run ended = claimed == 1 ? em.find(Run.class, endedRunId) : null;
        if (ended == null || ended.outcome() == null) {
            return List.of();
        }
        List<ChainWhen> met = ChainWhen.metBy(ended.outcome().name());
        if (met.isEmpty()) {
            return List.of();
        }
        List<ChainStep> steps = em.createQuery("SELECT c FROM ChainStep c JOIN FETCH c.next WHERE c.script.id = :id"
                        + " AND c.runWhen IN :met ORDER BY c.stepOrder", ChainStep.class)
                .setParameter("id", ended.script().id()).setParameter("met", met).getResultList();
        Instant now = clock.instant();
        String given = chainInput(ended.result());
        List<String> launch = new java.util.ArrayList<>();
        for (ChainStep step : steps) {
            Run run = new Run(step.next(), TriggerKind.CHAIN, null, node.name(), now).chainedFrom(ended);
            if (run.chainDepth() > maxChainDepth) {
                run.given(given).finish(RunOutcome.REJECTED, null, "Run " + ended.id() + " of '" + ended.script().name()
                        + "' would have started this one as run " + run.chainDepth() + " of a chain; at most "
                        + maxChainDepth + " are allowed (setting ses.chain.max-depth).", null, null, now);
            } else {
                try {
                    run.given(checkedInput(step.next(), given));
                    launch.add(run.id());
                } catch (RequestRejected refused) {
                    run.given(given).finish(RunOutcome.FAILED, null, "The result of run " + ended.id() + " of '"
                            + ended.script().name() + "' is not an input this script takes: " + refused.getMessage()
                            + (refused.details().get("field") == null ? "" : " (" + refused.details().get("field") + ")"),
                            null, null, now);
                }
            }
            em.persist(run);
            changed.fire(new RunChanged(run.id(), step.next().id(), run.status().name(),
                    run.outcome() == null ? null : run.outcome().name()));
        }
        return launch;
    }

    /** What a chained run is given: the ended run's result, an object as it is, any other value wrapped. */
    static String chainInput(String resultJson) {
        if (resultJson == null) {
            return null;
        }
        jakarta.json.JsonValue result = Json.parse(resultJson);
        return result instanceof jakarta.json.JsonObject ? resultJson
                : Json.text(Json.PROVIDER.createObjectBuilder().add("result", result).build());
    }

    /** Ended runs whose chain's runs are still to be made (at most {@code max}, the oldest first), any node's. */
    public List<String> chainsDue(int max) {
        return em.createQuery("SELECT r.id FROM Run r WHERE r.chainDueAt IS NOT NULL ORDER BY r.chainDueAt",
                String.class).setMaxResults(max).getResultList();
    }

    /** When the run's retry is due; empty when none is pending. */
    public Optional<Instant> retryDue(String runId) {
        return em.createQuery("SELECT r.retryDueAt FROM Run r WHERE r.id = :id", LocalDateTime.class)
                .setParameter("id", runId).getResultStream().filter(java.util.Objects::nonNull)
                .map(UtcColumns::instant).findFirst();
    }

    /** Runs whose retry is due by now (at most {@code max}, the longest due first), whichever node ended them. */
    public List<String> retriesDue(int max) {
        return em.createQuery("SELECT r.id FROM Run r WHERE r.retryDueAt <= :now ORDER BY r.retryDueAt", String.class)
                .setParameter("now", column(clock.instant())).setMaxResults(max).getResultList();
    }

    private static boolean retryable(Run run) {
        return run.outcome() != null && run.outcome().retried()
                && run.attempt() <= run.script().policy().retries() && run.script().policy().retryBackoff() != null;
    }

    /** This node still lives: the leases of its queued and running runs last until {@code until}. */
    public int renewLeases(Instant until) {
        return em.createQuery("UPDATE Run r SET r.leaseUntil = :until WHERE r.nodeName = :node"
                        + " AND (r.status = :queued OR r.status = :running)")
                .setParameter("until", column(until)).setParameter("node", node.name())
                .setParameter("queued", RunStatus.QUEUED).setParameter("running", RunStatus.RUNNING).executeUpdate();
    }

    /**
     * Runs of other nodes whose lease ran out before {@code cutoff} (a queued
     * run its node has not leased yet counts as leased for {@code lease} from
     * when it was queued): their node is taken to be down, and they end
     * INTERRUPTED; returns how many.
     */
    public int interruptExpired(Instant cutoff, Duration lease) {
        var expired = em.createQuery("SELECT r FROM Run r WHERE r.nodeName <> :node"
                        + " AND (r.status = :queued OR r.status = :running)"
                        + " AND ((r.leaseUntil IS NOT NULL AND r.leaseUntil < :cutoff)"
                        + " OR (r.leaseUntil IS NULL AND r.queuedAt < :queuedCutoff))", Run.class)
                .setParameter("node", node.name()).setParameter("queued", RunStatus.QUEUED)
                .setParameter("running", RunStatus.RUNNING).setParameter("cutoff", column(cutoff))
                .setParameter("queuedCutoff", column(cutoff.minus(lease)))
                .setMaxResults(500).getResultList();
        for (Run run : expired) {
            complete(run.id(), new RunResult(RunOutcome.INTERRUPTED, null, "Node '" + run.nodeName()
                    + "' stopped renewing this run's lease" + (run.leaseUntil() == null ? "" : " (it ran out at "
                    + run.leaseUntil() + ")") + ", so it is taken to be down.", null, null), 0, null);
        }
        return expired.size();
    }

    /** Notes a stop request for a run that another node runs; false if it has finished meanwhile. */
    public boolean requestStop(String runId) {
        return em.createQuery("UPDATE Run r SET r.stopRequestedAt = :now WHERE r.id = :id AND r.status <> :finished")
                .setParameter("now", column(clock.instant())).setParameter("id", runId)
                .setParameter("finished", RunStatus.FINISHED).executeUpdate() == 1;
    }

    /** Which of these runs (alive on this node) somebody asked to stop, maybe on another node. */
    public List<String> stopRequestedAmong(java.util.Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT r.id FROM Run r WHERE r.id IN :ids AND r.stopRequestedAt IS NOT NULL",
                String.class).setParameter("ids", runIds).getResultList();
    }

    /** Which of these runs (alive on this node) the database says are over, e.g. interrupted by another node. */
    public List<String> finishedAmong(java.util.Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT r.id FROM Run r WHERE r.id IN :ids AND r.status = :finished", String.class)
                .setParameter("ids", runIds).setParameter("finished", RunStatus.FINISHED).getResultList();
    }

    /** Ends a run that never reached a process (stopped while queued, or the job could not start). */
    public void abandon(String runId, RunOutcome outcome, String reason) {
        complete(runId, new RunResult(outcome, null, reason, null, null), 0, null);
    }

    /** Turns the runs this node left unfinished when it died into INTERRUPTED; returns how many. */
    public int interruptLeftovers() {
        var leftovers = em.createNamedQuery(Run.FIND_UNFINISHED_ON_NODE, Run.class)
                .setParameter("node", node.name()).getResultList();
        for (Run run : leftovers) {
            complete(run.id(), new RunResult(RunOutcome.INTERRUPTED, null,
                    "The server stopped while this run was " + run.status().name().toLowerCase() + ".", null, null), 0, null);
        }
        return leftovers.size();
    }

    /**
     * Native SQL: EclipseLink's JPQL bulk update would also bump the script's
     * {@code @Version}, and a person saving the script while a run starts or
     * ends would get a needless conflict; the last-run columns are bookkeeping.
     */
    private void updateLastRun(String scriptId, Run run) {
        updateLastRun(scriptId, run.id(), run.status().name(), run.outcome() == null ? null : run.outcome().name(),
                run.startedAt(), run.finishedAt());
    }

    private void updateLastRun(String scriptId, String runId, String status, String outcome, Instant startedAt,
                               Instant finishedAt) {
        NativeUpdate.execute(em, "UPDATE script SET last_run_id = ?, last_run_status = ?, last_run_outcome = ?,"
                        + " last_run_started = ?, last_run_finished = ?"
                        + " WHERE id = ? AND (last_run_id IS NULL OR last_run_id = ? OR last_run_status = 'FINISHED')",
                runId, status, outcome, column(startedAt), column(finishedAt), scriptId, runId);
    }
}
