package dev.scriptexecuter.python.boundary;

import java.nio.file.Path;

/**
 * A run's harness process once started: spawned for the run, or forked by a
 * warm worker. Its output goes, line by line, to the sink it was started
 * with. Closing it removes its run directory and whatever of it is left.
 */
public interface Harness extends AutoCloseable {

    /** Spawned: a new interpreter for the run. */
    String SPAWN = "spawn";
    /** Forked by a worker that stays alive between runs of its script. */
    String WARM = "warm";

    /** How the process was made: {@link #SPAWN} or {@link #WARM}. */
    String mode();

    /** The run directory the harness reads its files from and writes its report to. */
    Path directory();

    boolean alive();

    /** SIGKILL to the run's whole process group: what the script started goes with it. */
    void kill();

    /**
     * Waits until the harness has exited and what it started is gone.
     *
     * @return its exit status (128 + signal when killed), or -1 when the warm worker that forked it went away
     */
    int awaitExit() throws InterruptedException;

    /** Waits (a few seconds at most) for the output the run wrote before it exited to reach the sink. */
    void awaitOutput() throws InterruptedException;

    /**
     * What the run's process and the children it waited for used, as its parent
     * saw it end (wait4); null where the harness's own report is all there is.
     */
    default ResourceUsage processUsage() {
        return null;
    }

    /** The figures of the run's own cgroups, read when it ended; null where runs have none. */
    default ResourceUsage cgroupUsage() {
        return null;
    }

    @Override
    void close();
}
