package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.python.control.ProcessGroup;

/** The process a run executes in: spawned for the run, or forked by a warm worker. */
interface RunProcess {

    boolean alive();

    /** SIGKILL to the run's whole process group (what the script started goes with it). */
    void kill();

    /** A process the server spawned for the run, leading its own process group. */
    static RunProcess spawned(Process process, String runId) {
        return new RunProcess() {
            @Override
            public boolean alive() {
                return process.isAlive();
            }

            @Override
            public void kill() {
                ProcessGroup.kill(process, "run " + runId);
            }
        };
    }
}
