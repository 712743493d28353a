package dev.scriptexecuter.execution.control;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A run whose Python process is alive on this node: its log so far and the
 * means to end it. The process leads its own process group (started through
 * {@code setsid}), so killing the group also ends whatever the script forked.
 */
public class LiveRun {

    private static final Logger LOG = Logger.getLogger(LiveRun.class.getName());

    private final String runId;
    private final LogCapture log;
    private volatile String scriptId;
    private volatile Process process;
    private volatile boolean stopRequested;
    private volatile boolean timedOut;

    public LiveRun(String runId, LogCapture log) {
        this.runId = runId;
        this.log = log;
    }

    void belongsTo(String scriptId) {
        this.scriptId = scriptId;
    }

    public String scriptId() {
        return scriptId;
    }

    void attach(Process process) {
        this.process = process;
        if (stopRequested) {
            kill();
        }
    }

    public LogCapture log() {
        return log;
    }

    public void stop() {
        stopRequested = true;
        kill();
    }

    void timeOut() {
        timedOut = true;
        kill();
    }

    boolean stopRequested() {
        return stopRequested;
    }

    boolean timedOut() {
        return timedOut;
    }

    /**
     * Kills the run's whole process group, also when its leader (the harness)
     * has already exited but something it started still runs. The group id
     * stays reserved while any member lives.
     */
    void endGroup() {
        kill();
    }

    private void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + running.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot kill the process group of run " + runId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.destroyForcibly();
    }
}
