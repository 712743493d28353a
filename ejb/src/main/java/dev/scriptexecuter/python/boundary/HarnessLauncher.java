package dev.scriptexecuter.python.boundary;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.control.RunConfinement;
import dev.scriptexecuter.python.control.SpawnedHarness;
import dev.scriptexecuter.python.control.WarmWorkers;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Starts runs' harness processes, confined (limits, sandbox, cgroup): forked
 * by a warm worker of the script when the run's mode is warm and one can be
 * had, else spawned. What a run is and how it ends is the caller's business;
 * this is plain values in, a process with its output out.
 */
@ApplicationScoped
public class HarnessLauncher {

    @Inject
    RunConfinement confinement;

    @Inject
    WarmWorkers workers;

    @Inject
    PythonFiles files;

    @Inject
    WorkDirectory workDirectory;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ThreadFactory threads;

    /**
     * Writes the run's files with {@code runFiles} into the run directory and
     * starts its harness; every line it prints goes to {@code lines}.
     *
     * @throws IOException when the process cannot be started (nothing of the run is left behind)
     */
    public Harness start(HarnessLaunch launch, RunFiles runFiles, Consumer<String> lines) throws IOException {
        RunConfinement.Grant grant = new RunConfinement.Grant(launch.allowNetwork(), launch.scriptPaths(),
                launch.maxFileBytes());
        if (Harness.WARM.equals(modeOf(launch.mode()))) {
            Optional<Harness> forked = workers.fork(launch, grant, runFiles, lines);
            if (forked.isPresent()) {
                return forked.get();
            }
        }
        Path directory = workDirectory.directory("runs").resolve(launch.runId());
        RunConfinement.Confined confined = null;
        try {
            runFiles.write(directory);
            confined = confinement.confine(launch.runId(), new RunConfinement.Paths(directory, launch.scriptHome(),
                    launch.python(), files.harness()), grant);
            return SpawnedHarness.start(launch.runId(), directory, confined, confinement, launch.scriptHome(),
                    launch.environment(), lines, threads);
        } catch (IOException | RuntimeException e) {
            if (confined != null) {
                confinement.release(confined);
            }
            WorkDirectory.deleteTree(directory);
            throw e;
        }
    }

    /** How a run is made: its script's choice ({@link Harness#SPAWN}, {@link Harness#WARM}), else the node's default. */
    public String modeOf(String scriptMode) {
        return workers.modeOf(scriptMode);
    }

    /** Whether runs execute in the sandbox on this node. */
    public boolean sandboxed() {
        return confinement.sandboxed();
    }

    /** Whether the sandbox was switched off on purpose (ses.sandbox=off), rather than not found. */
    public boolean sandboxSwitchedOff() {
        return confinement.sandboxSwitchedOff();
    }

    /** Why runs are not sandboxed (for the log and the dashboard); empty when they are. */
    public Optional<String> notSandboxedBecause() {
        return confinement.notSandboxedBecause();
    }

    /** Whether each run's processes are counted (and killed) in a pids cgroup of its own. */
    public boolean processesInCgroup() {
        return confinement.processesInCgroup();
    }

    /** The host paths every sandboxed run sees besides what Python needs, as the settings say. */
    public ExtraSandboxPaths extraPaths() {
        return confinement.extraPaths();
    }

    /** At start-up: kills what is left of runs of a server that died on this work directory; how many there were. */
    public int clearLeftovers() {
        return confinement.clearLeftovers();
    }

    /** Warm workers waiting for a run. */
    public int idleWorkers() {
        return workers.idleCount();
    }

    /** A script was deleted: its idle workers go now rather than at their idle timeout. */
    public void endWorkersOf(String scriptId) {
        workers.endWorkersOf(scriptId);
    }

    /** Ends idle workers that have died or waited longer than the idle timeout. */
    public void endIdleWorkers() {
        workers.endIdle();
    }
}
