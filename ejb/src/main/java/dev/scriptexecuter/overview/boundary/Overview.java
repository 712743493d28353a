package dev.scriptexecuter.overview.boundary;

import dev.scriptexecuter.incident.boundary.IncidentView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard's home shows: runs ended in each of the last 24 hours by outcome group, the scripts whose
 * last run failed, the open incidents, the next runs due, and the nodes that ended runs in the last day.
 */
public record Overview(Instant at, List<Instant> hours, Map<String, List<Long>> runsByGroup,
                       List<FailingScript> failing, List<IncidentView> incidents, List<NextRun> next,
                       List<NodeLine> nodes) {

    /** A script whose last run ended badly. */
    public record FailingScript(String scriptId, String name, String outcome, String runId, Instant finishedAt) {
    }

    /** A scheduled script's next occurrence. */
    public record NextRun(String scriptId, String name, Instant at) {
    }

    /** A node, by the runs it ended in the last day. */
    public record NodeLine(String name, long runs, Instant lastFinished) {
    }

    /** The total of a group over the whole day. */
    public long total(String group) {
        return runsByGroup.getOrDefault(group, List.of()).stream().mapToLong(Long::longValue).sum();
    }
}
