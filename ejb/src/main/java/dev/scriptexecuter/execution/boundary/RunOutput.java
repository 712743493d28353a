package dev.scriptexecuter.execution.boundary;

import java.util.List;

/**
 * New log lines of a running run, a fraction of a second's worth at a time,
 * for the dashboard's live log; {@code first} is the number of lines the run
 * had printed before these, so a page can tell a gap or a repeat.
 */
public record RunOutput(String runId, long first, List<String> lines) {
}
