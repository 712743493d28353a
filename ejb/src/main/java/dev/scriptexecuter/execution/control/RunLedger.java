package dev.scriptexecuter.execution.control;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;

import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.execution.entity.TriggerKind;
import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.infrastructure.Node;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.entity.Script;
import dev.scriptexecuter.execution.boundary.RunChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
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

    @PersistenceContext
    EntityManager em;

    @Inject
    Node node;

    @Inject
    Clock clock;

    @Inject
    Event<RunChanged> changed;

    public String queue(String scriptId, TriggerKind trigger) {
        Script script = em.find(Script.class, scriptId);
        if (script == null) {
            throw RequestRejected.notFound("There is no script with id '" + scriptId + "'.");
        }
        Run run = new Run(script, trigger, null, node.name(), clock.instant());
        em.persist(run);
        changed.fire(new RunChanged(run.id(), scriptId, RunStatus.QUEUED.name(), null));
        return run.id();
    }

    public void attachJob(String runId, long jobExecutionId) {
        Run run = em.find(Run.class, runId);
        if (run != null) {
            run.attachJob(jobExecutionId);
        }
    }

    /** Marks a queued run RUNNING and hands out what it needs; empty if it was stopped or deleted meanwhile. */
    public Optional<RunTicket> begin(String runId) {
        Run run = em.find(Run.class, runId);
        if (run == null || run.status() != RunStatus.QUEUED) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        run.start(now, run.script().dataJson(), run.script().requirementsHash());
        em.flush();
        changed.fire(new RunChanged(run.id(), run.script().id(), RunStatus.RUNNING.name(), null));
        Script script = run.script();
        updateLastRun(script.id(), run);
        return Optional.of(new RunTicket(run.id(), script.id(), script.name(), script.mainCode(),
                script.triggerCode(), script.requirements(), script.dataJson(), script.dataVersion(),
                run.trigger() == TriggerKind.FORCED));
    }

    /**
     * Ends a run with its result; only the first end counts, so a late report
     * cannot overwrite a stop or an interruption, nor the other way round. The
     * run's data is saved only if nobody changed the script's data meanwhile.
     *
     * @param dataVersion the version of the data the run was given
     */
    public void complete(String runId, RunResult result, long dataVersion) {
        Instant now = clock.instant();
        int ended = em.createQuery("UPDATE Run r SET r.status = :finished, r.outcome = :outcome, r.exitCode = :exit,"
                        + " r.error = :error, r.log = :log, r.dataAfter = :data, r.finishedAt = :now"
                        + " WHERE r.id = :id AND r.status <> :finished")
                .setParameter("finished", RunStatus.FINISHED).setParameter("outcome", result.outcome())
                .setParameter("exit", result.exitCode()).setParameter("error", Run.limitError(result.error()))
                .setParameter("log", result.log()).setParameter("data", result.dataToSave())
                .setParameter("now", column(now)).setParameter("id", runId)
                .executeUpdate();
        if (ended == 0) {
            return;
        }
        Run run = em.find(Run.class, runId);
        String scriptId = run.script().id();
        if (result.dataToSave() != null && changed(run.dataBefore(), result.dataToSave())
                && !saveData(scriptId, result.dataToSave(), dataVersion)) {
            em.createQuery("UPDATE Run r SET r.dataAfter = NULL, r.error = :error WHERE r.id = :id")
                    .setParameter("error", DATA_CHANGED).setParameter("id", runId).executeUpdate();
        }
        em.refresh(run);
        updateLastRun(scriptId, run);
        changed.fire(new RunChanged(runId, scriptId, RunStatus.FINISHED.name(), run.outcome().name()));
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

    /** Ends a run that never reached a process (stopped while queued, or the job could not start). */
    public void abandon(String runId, RunOutcome outcome, String reason) {
        complete(runId, new RunResult(outcome, null, reason, null, null), 0);
    }

    /** Turns the runs this node left unfinished when it died into INTERRUPTED; returns how many. */
    public int interruptLeftovers() {
        var leftovers = em.createNamedQuery(Run.FIND_UNFINISHED_ON_NODE, Run.class)
                .setParameter("node", node.name()).getResultList();
        for (Run run : leftovers) {
            complete(run.id(), new RunResult(RunOutcome.INTERRUPTED, null,
                    "The server stopped while this run was " + run.status().name().toLowerCase() + ".", null, null), 0);
        }
        return leftovers.size();
    }

    /**
     * Native SQL: EclipseLink's JPQL bulk update would also bump the script's
     * {@code @Version}, and a person saving the script while a run starts or
     * ends would get a needless conflict; the last-run columns are bookkeeping.
     */
    private void updateLastRun(String scriptId, Run run) {
        em.createNativeQuery("UPDATE script SET last_run_id = ?, last_run_status = ?, last_run_outcome = ?,"
                        + " last_run_started = ?, last_run_finished = ?"
                        + " WHERE id = ? AND (last_run_id IS NULL OR last_run_id = ? OR last_run_status = 'FINISHED')")
                .setParameter(1, run.id())
                .setParameter(2, run.status().name())
                .setParameter(3, run.outcome() == null ? null : run.outcome().name())
                .setParameter(4, column(run.startedAt()))
                .setParameter(5, column(run.finishedAt()))
                .setParameter(6, scriptId)
                .setParameter(7, run.id())
                .executeUpdate();
    }
}
