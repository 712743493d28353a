package dev.scriptexecuter.script.entity;

/** What happens when a scheduled run is due while the script's previous run still runs. */
public enum OverlapPolicy {
    /** Record the occurrence as OVERLAPPED and do not run it (the default). */
    SKIP,
    /** Let at most one run wait for the running one; further occurrences are OVERLAPPED. */
    QUEUE,
    /** Run it at once, next to the running one. */
    ALLOW
}
