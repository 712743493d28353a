package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.execution.control.ChainDue;
import dev.scriptexecuter.execution.control.TagSlotsFreed;
import dev.scriptexecuter.execution.control.InternalFailure;
import dev.scriptexecuter.execution.control.DirectorySize;
import dev.scriptexecuter.execution.control.DiskLimits;
import dev.scriptexecuter.execution.control.LiveRuns;
import dev.scriptexecuter.execution.control.RunAdmission;
import dev.scriptexecuter.execution.control.RunExecutor;
import dev.scriptexecuter.execution.control.RunHistory;
import dev.scriptexecuter.execution.control.RunInputs;
import dev.scriptexecuter.execution.control.RunLedger;
import dev.scriptexecuter.execution.control.RunLogChunks;
import dev.scriptexecuter.execution.control.RunOwner;
import dev.scriptexecuter.execution.control.RunRefusal;
import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.execution.entity.TriggerKind;
import dev.scriptexecuter.infrastructure.Node;
import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.UtcColumns;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.HarnessLauncher;
import dev.scriptexecuter.script.boundary.ScriptChanged;
import dev.scriptexecuter.script.entity.Script;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts, reads and stops runs. A run is a row (QUEUED) before it is a
 * Jakarta Batch job execution of {@code script-run}, so every request leaves
 * a trace even if the node dies before the job starts.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class RunService {

    public static final String JOB = "script-run";
    private static final Logger LOG = Logger.getLogger(RunService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    RunLedger ledger;

    @Inject
    RunExecutor executor;

    @Inject
    HarnessLauncher launcher;

    @Inject
    RunAdmission admission;

    @Inject
    RunHistory history;

    @Resource
    SessionContext context;

    @Resource
    ManagedScheduledExecutorService retryTimer;

    @Inject
    LiveRuns liveRuns;

    @Inject
    RunLogChunks logChunks;

    /** How long a run that could not be started is tried again (as long as a result is written again). */
    @Inject
    @ConfigProperty(name = "ses.run.result-retry", defaultValue = "PT10M")
    Duration launchRetry;

    private static final Duration LAUNCH_PAUSE = Duration.ofSeconds(2);

    @Inject
    RunInputs inputs;

    /** The most runs one export holds (more are refused, so an export is never silently cut). */
    @Inject
    @ConfigProperty(name = "ses.runs.export-max-runs", defaultValue = "100000")
    long exportMax;

    @Inject
    Node node;

    @Inject
    AuditLog audit;

    @Inject
    DiskLimits disks;

    @Inject
    WorkDirectory workDirectory;

    /**
     * A run somebody asked for; {@code force} skips the trigger code. A run the node has no room for, or
     * that would go beyond a quota of its script or of the caller, is recorded REJECTED and refused (429,
     * naming the quota's setting).
     */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public RunView request(String scriptId, boolean force) {
        return request(scriptId, force, null);
    }

    /**
     * The same, with an input for the run: a JSON object that main and trigger get as their second
     * parameter (null: none). Larger than {@code ses.run.max-input-bytes} is refused (413, naming "input").
     */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public RunView request(String scriptId, boolean force, JsonObject input) {
        String inputJson = inputs.text(input, "input");
        RunOwner owner = new RunOwner(scriptId, context.getCallerPrincipal().getName());
        String runId = ledger.queue(scriptId, force ? TriggerKind.FORCED : TriggerKind.MANUAL, owner.user(),
                inputJson);
        start(runId, owner).ifPresent(refusal -> {
            throw RequestRejected.tooManyRequests(refusal.reason()).with("quota", refusal.setting())
                    .with("limit", refusal.setting() == null ? null : refusal.limit()).with("runId", runId);
        });
        RunView run = find(runId);
        audit.record(force ? AuditAction.RUN_FORCED : AuditAction.RUN_REQUESTED, Target.run(runId, run.scriptName()),
                "of script " + scriptId);
        return run;
    }

    /** Starts the batch job for a queued run (a waiting run's turn, a retry): whose it is is read from its row. */
    @PermitAll
    public void launch(String runId) {
        launchAttempt(runId, null, 1);
    }

    /**
     * Starts the batch job for a run the schedule of {@code scriptId} made: the scheduler calls it with no
     * caller, and such a run counts against its script's quota only, so nothing is read to learn whose it is.
     */
    @PermitAll
    public void launchScheduled(String runId, String scriptId) {
        launchAttempt(runId, scriptId, 1);
    }

    /**
     * One attempt to start a queued run. When it fails before the run could
     * even be marked as failed (the database unreachable, say), the run is
     * QUEUED with no job behind it, and this node's leases would keep it so:
     * it is tried again every {@link #LAUNCH_PAUSE} until it starts or ends,
     * for up to {@code ses.run.result-retry}.
     */
    @PermitAll
    public void launchAttempt(String runId, String scheduledScriptId, int attempt) {
        try {
            start(runId, scheduledScriptId == null ? ledger.owner(runId) : new RunOwner(scheduledScriptId, null));
        } catch (RuntimeException e) {
            if (LAUNCH_PAUSE.multipliedBy(attempt).compareTo(launchRetry) >= 0) {
                LOG.log(Level.SEVERE, "Run " + runId + " could not be started within ses.run.result-retry ("
                        + launchRetry + "); it stays QUEUED", e);
                return;
            }
            if (attempt == 1) {
                LOG.log(Level.WARNING, "Run " + runId + " could not be started; trying again every "
                        + LAUNCH_PAUSE.toSeconds() + " s", e);
            }
            RunService self = context.getBusinessObject(RunService.class);
            retryTimer.schedule(() -> self.launchAttempt(runId, scheduledScriptId, attempt + 1),
                    LAUNCH_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Admits and starts a queued run, or records it REJECTED and says why. */
    private Optional<RunRefusal> start(String runId, RunOwner owner) {
        Optional<RunRefusal> refusal = admission.admit(runId, owner.scriptId(), owner.user(), node.name());
        if (refusal.isPresent()) {
            ledger.abandon(runId, RunOutcome.REJECTED, refusal.get().reason());
            return refusal;
        }
        Properties parameters = new Properties();
        parameters.setProperty("runId", runId);
        try {
            jobOperator().start(JOB, parameters);
        } catch (RuntimeException e) {
            admission.leave(runId);
            ledger.abandon(runId, RunOutcome.FAILED,
                    InternalFailure.logged(LOG, "The server could not start the run's batch job", runId, e));
        }
        return Optional.empty();
    }

    /**
     * A run ended: the script's next waiting run (overlap policy "queue", or a
     * catch-up) starts, and a FAILED or TIMED_OUT run whose script asks for
     * retries is tried again after its backoff.
     */
    @PermitAll
    public void onRunFinished(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunChanged change) {
        if (!RunStatus.FINISHED.name().equals(change.status())) {
            return;
        }
        ledger.promoteWaiting(change.scriptId()).ifPresent(this::launch);
        if (change.outcome() == null || !RunOutcome.valueOf(change.outcome()).retried()) {
            return; // only those are retried: no look-up (a transaction of its own) for every other run
        }
        // on time from this node; the run keeps when it is due, so that every node's sweep (retriesDue) makes it
        // should this node stop first
        ledger.retryDue(change.runId()).ifPresent(due -> {
            RunService self = context.getBusinessObject(RunService.class);
            long delay = Math.max(0, java.time.Duration.between(Instant.now(), due).toMillis());
            retryTimer.schedule(() -> self.retry(change.runId()), delay, TimeUnit.MILLISECONDS);
        });
    }

    /** The retry of a failed run is due: made here unless another node or timer made it already. */
    @PermitAll
    public void retry(String failedRunId) {
        ledger.queueRetry(failedRunId).ifPresent(this::launch);
    }

    /**
     * Makes the retries that are due and still pending, whichever node's run they follow: those of a node
     * that stopped (or restarted) before their time came. Every node's scheduler calls it every
     * ses.schedule.resync; each retry is made once (see {@link RunLedger#queueRetry}).
     */
    @PermitAll
    public int retryDue() {
        return eachDue(ledger.retriesDue(100), this::retry, "The retry");
    }

    /** Makes what is due after each of these runs, one at a time: one that fails is tried again by the next sweep. */
    private static int eachDue(List<String> runIds, java.util.function.Consumer<String> make, String what) {
        int made = 0;
        for (String runId : runIds) {
            try {
                make.accept(runId);
                made++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, what + " of run " + runId + " could not be made; trying again later", e);
            }
        }
        return made;
    }

    /** A run, with the runs its chain started. */
    public RunView find(String runId) {
        return RunView.of(load(runId)).chained(startedBy(runId));
    }

    /** The runs a run's chain started, in the order they were made. */
    private List<RunLink> startedBy(String runId) {
        return em.createQuery("SELECT r.id, r.script.id, r.script.name, r.outcome FROM Run r WHERE r.startedBy = :id"
                        + " ORDER BY r.queuedAt, r.id", Object[].class).setParameter("id", runId).getResultStream()
                .map(row -> new RunLink((String) row[0], (String) row[1], (String) row[2],
                        row[3] == null ? null : ((RunOutcome) row[3]).name())).toList();
    }

    /** Slots of tags' limits were given back (or a limit raised): runs waiting for them begin, here. */
    @PermitAll
    public void onTagSlotsFreed(@Observes(during = TransactionPhase.AFTER_SUCCESS) TagSlotsFreed freed) {
        try {
            tagWaitingDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Runs waiting for a tag's slot could not be started now; any node's next sweep"
                    + " starts them", e);
        }
    }

    /**
     * Begins the runs waiting for a tag's slot that may begin now, whichever node they waited on: after a run
     * gave slots back, and from every node's scheduler every ses.schedule.resync (the node that gave them
     * back may have died first).
     */
    @PermitAll
    public int tagWaitingDue() {
        List<String> promoted = ledger.promoteTagWaiting(20);
        promoted.forEach(this::launch);
        return promoted.size();
    }

    /** An ended run's chain: its runs are made here unless another node or timer made them already. */
    @PermitAll
    public void onChainDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChainDue due) {
        try {
            chain(due.runId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The chain of run " + due.runId() + " could not be started now; any node's"
                    + " next sweep starts it", e);
        }
    }

    /** Makes and starts the runs an ended run's chain starts, once, whichever node gets to it. */
    @PermitAll
    public void chain(String endedRunId) {
        ledger.queueChain(endedRunId).forEach(this::launch);
    }

    /**
     * Starts the chains of ended runs that no node started yet (the node that ended them died first, or
     * failed to): every node's scheduler calls it every ses.schedule.resync.
     */
    @PermitAll
    public int chainsDue() {
        return eachDue(ledger.chainsDue(100), this::chain, "The chain");
    }

    /**
     * Runs newest first, of one script or of all, optionally of one outcome
     * (or status, for WAITING, QUEUED and RUNNING) and queued since a time:
     * the run history. A page starts at an offset (numbered pages; the page
     * counts the total) or right after a cursor from the page before
     * ({@link RunCursor}: no count, no rows skipped).
     */
    public RunPage page(String scriptId, String outcomeOrStatus, Instant since, int offset, RunCursor after,
                        int limit) {
        checkWindow(offset, after, limit);
        return page(selection(new RunQuery(scriptId, outcomeOrStatus, since, null)), offset, after, limit,
                after == null);
    }

    /**
     * A page at an offset without its count: the dashboard's table asks for
     * the count once ({@link #count}) and then for the page.
     */
    public RunPage pageUncounted(RunQuery query, int offset, int limit) {
        checkWindow(offset, null, limit);
        return page(selection(query), offset, null, limit, false);
    }

    /**
     * The runs a query selects, queued before {@code until} if given, as a
     * CSV or JSON file ({@link RunExport}). Refused (413) when more than
     * {@code ses.runs.export-max-runs} match, saying how many do: an export
     * is all of them or none.
     */
    public RunExport export(RunQuery query, Instant until, String format) {
        RunExport.Format chosen = RunExport.Format.parse(format);
        if (query.since() != null && until != null && !until.isAfter(query.since())) {
            throw RequestRejected.invalid("\"until\" must be later than \"since\".").with("field", "until");
        }
        long count = countOf(before(selection(query), until));
        if (count > exportMax) {
            throw RequestRejected.tooLarge(count + " runs match; an export holds at most " + exportMax
                    + " (setting ses.runs.export-max-runs). Narrow it with since and until, a script or an outcome.")
                    .with("field", "until").with("matching", count).with("limit", exportMax);
        }
        return new RunExport(chosen, query, until, count, context.getBusinessObject(RunService.class),
                Instant.now());
    }

    /** A page of an export: the runs right after the cursor (from the newest when null). */
    public List<RunView> exportPage(RunQuery query, Instant until, RunCursor after, int limit) {
        checkWindow(0, after, Math.min(limit, RunExport.PAGE));
        QueryFilter filter = before(selection(query), until);
        QueryFilter window = after == null ? filter : after.window(filter);
        return window.bind(em.createQuery("SELECT r FROM Run r JOIN FETCH r.script" + window.where()
                        + " ORDER BY r.queuedAt DESC, r.id DESC", Run.class))
                .setMaxResults(limit).getResultList().stream().map(RunView::of).toList();
    }

    private static QueryFilter before(QueryFilter filter, Instant until) {
        return until == null ? filter : filter.and("r.queuedAt < :until", "until", UtcColumns.column(until));
    }

    /** How many runs {@link #pageUncounted} would go through, with the same filters. */
    public long count(RunQuery query) {
        return countOf(selection(query));
    }

    private long countOf(QueryFilter filter) {
        return filter.bind(em.createQuery("SELECT COUNT(r) FROM Run r" + filter.where(), Long.class)).getSingleResult();
    }

    /** A history query's filters; a text search goes through the newest {@link RunQuery#SEARCHED} runs only. */
    private QueryFilter selection(RunQuery query) {
        if (query.scriptId() != null && em.find(Script.class, query.scriptId()) == null) {
            throw RequestRejected.notFound("There is no script with id '" + query.scriptId() + "'.");
        }
        QueryFilter indexed = query.indexed();
        return query.searches() ? query.searched(history.floor(indexed, RunQuery.SEARCHED)) : indexed;
    }

    /** The runs of the same script queued right before and right after this one, for paging through them. */
    public RunNeighbours neighbours(String runId) {
        Run run = load(runId);
        return new RunNeighbours(history.before(run).orElse(null), history.after(run).orElse(null));
    }

    private static void checkWindow(int offset, RunCursor after, int limit) {
        if (offset < 0) {
            throw RequestRejected.invalid("\"offset\" must be 0 or more; it is " + offset + ".").with("field", "offset");
        }
        if (limit < 1 || limit > 500) {
            throw RequestRejected.invalid("\"limit\" must be between 1 and 500; it is " + limit + ".")
                    .with("field", "limit");
        }
        if (after != null && offset > 0) {
            throw RequestRejected.invalid("Give \"offset\" or \"after\", not both.").with("field", "after");
        }
    }

    private RunPage page(QueryFilter filter, int offset, RunCursor after, int limit, boolean counted) {
        Long total = counted ? countOf(filter) : null;
        QueryFilter window = after == null ? filter : after.window(filter);
        // both descending: an index on (…, queued_at) read backwards (its entries end with the id) gives this
        // order, so the database stops after one page instead of sorting the whole history
        List<Run> rows = window.bind(em.createQuery("SELECT r FROM Run r" + window.where()
                        + " ORDER BY r.queuedAt DESC, r.id DESC", Run.class))
                .setFirstResult(offset).setMaxResults(limit + 1).getResultList();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Run last = rows.getLast();
            next = new RunCursor(last.queuedAt(), last.id()).text();
        }
        return new RunPage(rows.stream().map(RunView::of).toList(), total, offset, limit, next);
    }

    /** The log so far: live from the process while it runs on this node, else as stored. */
    public String log(String runId) {
        return logSoFar(runId).text();
    }

    /**
     * The log so far with the number of lines printed: live from the process
     * while it runs on this node, as its node shared it while it runs on
     * another, else as stored.
     */
    public LogSoFar logSoFar(String runId) {
        Run run = load(runId);
        return liveRuns.find(runId).map(live -> live.log().soFar())
                .orElseGet(() -> run.status() == RunStatus.FINISHED ? LogSoFar.stored(run.log())
                        : logChunks.soFar(runId));
    }

    /**
     * Stops a waiting, queued or running run. The outcome STOPPED is recorded
     * when the process has ended; a run on another node is stopped by that
     * node within about a second (it polls for stop requests).
     */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public RunView stop(String runId) {
        Run run = load(runId);
        if (run.status() == RunStatus.FINISHED) {
            throw RequestRejected.conflict("The run has finished already (" + run.outcome() + "); there is nothing to stop.");
        }
        audit.record(AuditAction.RUN_STOPPED, Target.run(runId, run.script().name()), "was " + run.status());
        if (run.status() != RunStatus.WAITING && !run.nodeName().equals(node.name())) {
            if (!ledger.requestStop(runId)) {
                throw RequestRejected.conflict("The run has finished already; there is nothing to stop.");
            }
            return find(runId);
        }
        if (!executor.stop(runId)) {
            ledger.abandon(runId, RunOutcome.STOPPED, "Stopped on request before it started.");
            if (run.jobExecutionId() != null) {
                stopJob(run.jobExecutionId());
            }
        }
        return find(runId);
    }

    /** Whether runs on this node execute in the sandbox, and if not, why; and what the operator added to it. */
    public SandboxStatus sandbox() {
        String extraPaths;
        try {
            extraPaths = launcher.extraPaths().describe();
        } catch (IllegalArgumentException e) {
            extraPaths = e.getMessage();
        }
        return new SandboxStatus(launcher.sandboxed(), launcher.notSandboxedBecause().orElse(null), extraPaths);
    }

    /** The script's home on this node (each node has its own): its size now and its limit, for the script page. */
    public HomeUsage homeUsage(String scriptId) {
        if (em.find(Script.class, scriptId) == null) {
            throw RequestRejected.notFound("There is no script with id '" + scriptId + "'.");
        }
        return new HomeUsage(DirectorySize.of(workDirectory.root().resolve("scripts").resolve(scriptId)),
                disks.homeLimit());
    }

    /** @param limitBytes 0 when there is no limit (ses.run.max-home-bytes=none) */
    public record HomeUsage(long bytes, long limitBytes) {

        /** "12 KiB of 1 GiB", for people. */
        public String text() {
            return DirectorySize.readable(bytes) + (limitBytes > 0 ? " of " + DirectorySize.readable(limitBytes)
                    : " (no limit)");
        }
    }

    /**
     * @param reason     why runs are not sandboxed; null when they are
     * @param extraPaths the host paths runs see besides what Python needs (the settings'), in words
     */
    public record SandboxStatus(boolean sandboxed, String reason, String extraPaths) {
    }

    /** A deleted script's runs have nowhere to report to: end their processes, and its warm workers. */
    @PermitAll
    public void onScriptChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScriptChanged change) {
        if (em.find(Script.class, change.scriptId()) == null) {
            liveRuns.stopAllOf(change.scriptId());
            launcher.endWorkersOf(change.scriptId());
        }
    }

    private void stopJob(long execution) {
        try {
            jobOperator().stop(execution);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Batch job " + execution + " could not be stopped; the run is marked already", e);
        }
    }

    private Run load(String runId) {
        Run run = runId == null ? null : em.find(Run.class, runId);
        if (run == null) {
            throw RequestRejected.notFound("There is no run with id '" + runId + "'.");
        }
        return run;
    }

    private static JobOperator jobOperator() {
        return Operator.INSTANCE;
    }

    /** The batch runtime's operator, looked up once: each lookup is a service-loader scan of the class path. */
    private static final class Operator {
        static final JobOperator INSTANCE = BatchRuntime.getJobOperator();
    }
}
