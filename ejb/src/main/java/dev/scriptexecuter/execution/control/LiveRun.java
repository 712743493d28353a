package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.environment.boundary.Environments;
import dev.scriptexecuter.python.boundary.Harness;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A run whose Python process is alive on this node: its log so far and the
 * means to end it. The process leads its own process group (started through
 * {@code setsid}, or forked by a warm worker that calls it), so killing the
 * group also ends whatever the script forked.
 */
public class LiveRun {

    private final String runId;
    private final LogCapture log;
    private volatile String scriptId;
    private volatile Harness process;
    private volatile boolean stopRequested;
    private volatile boolean timedOut;
    private volatile String interruptedBecause;
    private volatile String overDiskLimitBecause;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Environments.Lease environment;

    public LiveRun(String runId, LogCapture log) {
        this.runId = runId;
        this.log = log;
    }

    public String runId() {
        return runId;
    }

    void belongsTo(String scriptId) {
        this.scriptId = scriptId;
    }

    /** Whose run it is, and the environment it runs in. */
    void prepared(RunTicket ticket, Environments.Lease environment) {
        this.environment = environment;
        belongsTo(ticket.scriptId());
    }

    /** The interpreter to run with; null means the base interpreter. */
    Path python() {
        Environments.Lease lease = environment;
        return lease == null ? null : lease.python();
    }

    void releaseEnvironment() {
        Environments.Lease lease = environment;
        if (lease != null) {
            lease.close();
        }
    }

    public String scriptId() {
        return scriptId;
    }

    void attach(Harness process) {
        this.process = process;
        if (stopRequested) {
            kill();
        }
    }

    /** Whether its process has been started and not ended yet. */
    public boolean processAlive() {
        Harness running = process;
        return running != null && running.alive();
    }

    /** How its process was made ({@code spawn} or {@code warm}); null before it had one. */
    String mode() {
        Harness running = process;
        return running == null ? null : running.mode();
    }

    public LogCapture log() {
        return log;
    }

    public void stop() {
        stopRequested = true;
        stopped.complete(null);
        kill();
    }

    /** Completes when somebody stops the run, so that waiting for its environment can end early. */
    CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Ends the run because the node is going away; it is recorded INTERRUPTED with the reason. */
    public void interrupt(String reason) {
        interruptedBecause = reason;
        stop();
    }

    String interruptedBecause() {
        return interruptedBecause;
    }

    /** Ends the run because it wrote more than a disk limit allows; the first reason counts. */
    void overDiskLimit(String reason) {
        if (overDiskLimitBecause == null) {
            overDiskLimitBecause = reason;
        }
        kill();
    }

    String overDiskLimitBecause() {
        return overDiskLimitBecause;
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

    private void kill() {
        Harness running = process;
        if (running != null) {
            running.kill();
        }
    }
}
