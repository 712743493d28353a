package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.BatchRepository;
import dev.scriptexecuter.execution.control.RunAdmission;
import dev.scriptexecuter.execution.control.RunMetrics;
import dev.scriptexecuter.infrastructure.Histogram;
import dev.scriptexecuter.python.boundary.HarnessLauncher;
import dev.scriptexecuter.python.boundary.PythonInterpreter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What this node is and is doing, for its health and metrics endpoints: the
 * interpreter it runs, whether runs are sandboxed, the runs it holds and
 * what it has counted since it started. Read-only, and open to the
 * endpoints that anybody may call, so nothing here names a script.
 */
@ApplicationScoped
public class NodeStatus {

    @Inject
    PythonInterpreter interpreter;

    @Inject
    HarnessLauncher launcher;

    @Inject
    RunAdmission admission;

    @Inject
    RunMetrics metrics;

    @Inject
    BatchRepository batchRepository;

    /** The interpreter's real executable; throws when there is none to be found. */
    public Path python() {
        return interpreter.executable();
    }

    public boolean sandboxed() {
        return launcher.sandboxed();
    }

    /** Whether an operator switched the sandbox off on purpose (ses.sandbox=off). */
    public boolean sandboxSwitchedOff() {
        return launcher.sandboxSwitchedOff();
    }

    public Optional<String> notSandboxedBecause() {
        return launcher.notSandboxedBecause();
    }

    /** Runs admitted on this node: running or waiting for a slot. */
    public int admitted() {
        return admission.admitted();
    }

    public int running() {
        return admission.running();
    }

    public int waiting() {
        return admission.waiting();
    }

    /** The node's slot, queue and quota limits, in words. */
    public String limits() {
        return admission.limits();
    }

    public int idleWorkers() {
        return launcher.idleWorkers();
    }

    /** Runs ended here since the node started, by outcome. */
    public Map<String, Long> outcomes() {
        return metrics.outcomes();
    }

    /** Environment builds here since the node started, by result. */
    public Map<String, Long> builds() {
        return metrics.builds();
    }

    public Histogram.Snapshot durations() {
        return metrics.durations();
    }

    public Histogram.Snapshot lateness() {
        return metrics.lateness();
    }

    /** CPU seconds of the runs ended here since the node started: "user" and "system". */
    public Map<String, Double> cpuSeconds() {
        return metrics.cpuSeconds();
    }

    /** Peak resident memory of the runs ended here, in bytes. */
    public Histogram.Snapshot peakMemory() {
        return metrics.peakMemory();
    }

    /**
     * Job executions of runs in the batch job repository, when it is in the
     * application's database (and the database answers).
     */
    public Optional<Long> jobExecutions() {
        try {
            return batchRepository.executions();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
