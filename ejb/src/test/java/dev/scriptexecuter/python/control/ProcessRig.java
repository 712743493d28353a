package dev.scriptexecuter.python.control;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.HarnessLauncher;
import dev.scriptexecuter.python.boundary.TestPython;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * The process side of runs as the container wires it, on the real
 * interpreter, in a test's work directory: confinement, warm workers and the
 * launcher over them, with the settings tests change.
 */
public final class ProcessRig implements AutoCloseable {

    private static final ThreadFactory DAEMONS = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };

    public final RunConfinement confinement;
    public final WarmWorkers workers;
    public final HarnessLauncher launcher;

    private ProcessRig(RunConfinement confinement, WarmWorkers workers, HarnessLauncher launcher) {
        this.confinement = confinement;
        this.workers = workers;
        this.launcher = launcher;
    }

    /**
     * @param sandbox {@code ses.sandbox}: auto, on or off
     * @param mode    {@code ses.run.mode}: the node's default, spawn or warm
     */
    public static ProcessRig create(Path work, String sandbox, String mode) {
        RunConfinement confinement = new RunConfinement();
        confinement.workDirectory = new WorkDirectory(work);
        confinement.interpreter = TestPython.interpreter();
        confinement.memoryLimit = "1g";
        confinement.maxProcesses = 32;
        confinement.sandboxSetting = sandbox;
        WarmWorkers workers = new WarmWorkers();
        workers.workDirectory = new WorkDirectory(work);
        workers.confinement = confinement;
        workers.files = TestPython.files(work);
        workers.threads = DAEMONS;
        workers.defaultMode = mode;
        workers.max = 4;
        workers.idleTimeout = Duration.ofMinutes(5);
        workers.preload = Optional.empty();
        return new ProcessRig(confinement, workers, TestPython.launcher(work, confinement, workers, DAEMONS));
    }

    /** {@code ses.run.memory-limit}. */
    public ProcessRig memoryLimit(String limit) {
        confinement.memoryLimit = limit;
        return this;
    }

    /** {@code ses.sandbox.read-only-paths} and {@code ses.sandbox.writable-paths}. */
    public ProcessRig extraPaths(String readOnly, String writable) {
        confinement.readOnlyPaths = Optional.of(readOnly);
        confinement.writablePaths = Optional.of(writable);
        return this;
    }

    /** {@code ses.worker.max}. */
    public ProcessRig maxWorkers(int max) {
        workers.max = max;
        return this;
    }

    /** {@code ses.worker.preload}. */
    public ProcessRig preload(String modules) {
        workers.preload = Optional.of(modules);
        return this;
    }

    /** What runs left below the idle warm workers. */
    public List<ProcessHandle> leftovers() {
        return workers.leftovers();
    }

    @Override
    public void close() {
        workers.close();
    }
}
