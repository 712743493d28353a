package dev.scriptexecuter.python.control;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.Harness;
import dev.scriptexecuter.python.boundary.ProcessGroup;
import dev.scriptexecuter.python.boundary.ResourceUsage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * A harness the server spawned for one run: a process leading its own group,
 * confined as {@link RunConfinement} says, its output read from its pipe.
 */
public final class SpawnedHarness implements Harness {

    private final String runId;
    private final Path directory;
    private final Process process;
    private final RunConfinement.Confined confined;
    private final RunConfinement confinement;
    private final Thread reader;
    private volatile ResourceUsage cgroupUsage;

    private SpawnedHarness(String runId, Path directory, Process process, RunConfinement.Confined confined,
                           RunConfinement confinement, Thread reader) {
        this.runId = runId;
        this.directory = directory;
        this.process = process;
        this.confined = confined;
        this.confinement = confinement;
        this.reader = reader;
    }

    /**
     * Starts {@code command} in {@code home} with a minimal environment plus
     * {@code environment}, its output (stderr included) going to {@code lines}.
     */
    public static SpawnedHarness start(String runId, Path directory, RunConfinement.Confined confined,
                                RunConfinement confinement, Path home, Map<String, String> environment,
                                Consumer<String> lines, ThreadFactory threads) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(confined.command())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        ProcessGroup.minimalEnvironment(builder, home).putAll(environment);
        Process process = builder.start();
        Thread reader = threads.newThread(() -> OutputLines.read(process::getInputStream, lines));
        reader.start();
        return new SpawnedHarness(runId, directory, process, confined, confinement, reader);
    }

    @Override
    public String mode() {
        return Harness.SPAWN;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public ResourceUsage cgroupUsage() {
        return cgroupUsage;
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void kill() {
        ProcessGroup.kill(process, "run " + runId);
    }

    @Override
    public int awaitExit() throws InterruptedException {
        try {
            return process.waitFor();
        } finally {
            // what the run left behind dies with its sandbox (its PID namespace) or its cgroup (release);
            // only without both is there a process group to kill (a spawn of kill(1), ~4 ms)
            if (process.isAlive() || (!confinement.sandboxed() && confined.cgroup() == null)) {
                kill();
            }
            cgroupUsage = confinement.releaseMeasured(confined);
        }
    }

    /**
     * The group is dead by now, so the pipe closes at once; a process that left
     * the group on its own (setsid) may still hold it, and is not waited for.
     */
    @Override
    public void awaitOutput() throws InterruptedException {
        reader.join(OutputLines.CAPTURE_GRACE_MILLIS);
        if (reader.isAlive()) {
            try {
                process.getInputStream().close();
            } catch (IOException e) {
                // the reader ends with the pipe either way
            }
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        confinement.release(confined);
        WorkDirectory.deleteTree(directory);
    }
}
