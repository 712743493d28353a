package dev.scriptexecuter.execution.entity;

/** How a finished run ended. */
public enum RunOutcome {
    /** The trigger code said no; main did not run. */
    SKIPPED,
    SUCCEEDED,
    /** The code raised (the traceback is in the log) or the process ended abnormally. */
    FAILED,
    TIMED_OUT,
    /** Somebody stopped it. */
    STOPPED,
    /** The node running it died; found at the next start-up. */
    INTERRUPTED,
    /** Its environment (requirements.txt) could not be built; the environment's install log says why. */
    ENVIRONMENT_FAILED,
    /** Its node had no room for it, or it would have gone beyond a run quota of its script or user; the error names the setting. */
    REJECTED,
    /**
     * It wrote more to its script's home or its run directory than allowed (ses.run.max-home-bytes,
     * ses.run.max-dir-bytes): it was ended, what it wrote to the home was deleted, and its data not saved.
     */
    DISK_LIMIT,
    /** It was due while the previous run still ran, so it did not start. */
    OVERLAPPED,
    /**
     * It came and went while the node's timer for an earlier occurrence fired late (a busy node): the
     * earlier one ran, this one is recorded, not run (as the misfire policy fire-once would after a restart).
     */
    MISSED;

    /** The outcomes a script's retry policy tries again after: the code failed or ran out of time. */
    public boolean retried() {
        return this == FAILED || this == TIMED_OUT;
    }
}
