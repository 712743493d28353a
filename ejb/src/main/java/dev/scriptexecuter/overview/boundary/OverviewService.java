package dev.scriptexecuter.overview.boundary;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.incident.boundary.IncidentService;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.infrastructure.UtcColumns;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's home at a glance. Every part is read from an index and
 * bounded: the day's runs as 24 counts per outcome (one grouped count per
 * hour, read from the finish-time index), at most {@value #LINES} lines of
 * each list.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class OverviewService {

    static final int LINES = 20;

    /** The chart's groups, in the order it stacks them. */
    public static final Map<String, List<RunOutcome>> GROUPS = groups();

    @PersistenceContext
    EntityManager em;

    @Inject
    IncidentService incidents;

    @Inject
    Clock clock;

    private static Map<String, List<RunOutcome>> groups() {
        Map<String, List<RunOutcome>> groups = new LinkedHashMap<>();
        groups.put("succeeded", List.of(RunOutcome.SUCCEEDED));
        groups.put("skipped", List.of(RunOutcome.SKIPPED));
        groups.put("failed", List.of(RunOutcome.FAILED, RunOutcome.ENVIRONMENT_FAILED, RunOutcome.DISK_LIMIT,
                RunOutcome.INTERRUPTED, RunOutcome.REJECTED));
        groups.put("timed out", List.of(RunOutcome.TIMED_OUT));
        groups.put("other", List.of(RunOutcome.STOPPED, RunOutcome.OVERLAPPED, RunOutcome.MISSED));
        return groups;
    }

    public Overview snapshot() {
        Instant now = clock.instant();
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS);
        List<Instant> hours = new ArrayList<>();
        Map<String, List<Long>> byGroup = new LinkedHashMap<>();
        GROUPS.keySet().forEach(group -> byGroup.put(group, new ArrayList<>()));
        for (int h = 0; h < 24; h++) {
            Instant from = firstHour.plus(h, ChronoUnit.HOURS);
            hours.add(from);
            Map<RunOutcome, Long> counts = new LinkedHashMap<>();
            em.createQuery("SELECT r.outcome, COUNT(r) FROM Run r WHERE r.finishedAt >= :from AND r.finishedAt < :to"
                            + " GROUP BY r.outcome", Object[].class)
                    .setParameter("from", UtcColumns.column(from))
                    .setParameter("to", UtcColumns.column(from.plus(1, ChronoUnit.HOURS)))
                    .getResultList().forEach(row -> counts.put((RunOutcome) row[0], (Long) row[1]));
            GROUPS.forEach((group, outcomes) -> byGroup.get(group).add(outcomes.stream()
                    .mapToLong(outcome -> counts.getOrDefault(outcome, 0L)).sum()));
        }
        List<Overview.FailingScript> failing = em.createQuery("SELECT s.id, s.name, s.lastRun.outcome, s.lastRun.runId,"
                        + " s.lastRun.finishedAt FROM Script s WHERE s.lastRun.outcome IN :bad"
                        + " ORDER BY s.lastRun.finishedAt DESC", Object[].class)
                .setParameter("bad", List.of("FAILED", "TIMED_OUT", "ENVIRONMENT_FAILED", "DISK_LIMIT", "INTERRUPTED",
                        "REJECTED"))
                .setMaxResults(LINES).getResultStream().map(row -> new Overview.FailingScript((String) row[0],
                        (String) row[1], (String) row[2], (String) row[3], UtcColumns.instant((LocalDateTime) row[4])))
                .toList();
        List<Overview.NextRun> next = em.createQuery("SELECT s.id, s.name, s.nextFireAt FROM Script s"
                        + " WHERE s.active = true AND s.nextFireAt IS NOT NULL ORDER BY s.nextFireAt", Object[].class)
                .setMaxResults(LINES).getResultStream().map(row -> new Overview.NextRun((String) row[0],
                        (String) row[1], UtcColumns.instant((LocalDateTime) row[2]))).toList();
        List<Overview.NodeLine> nodes = em.createQuery("SELECT r.nodeName, COUNT(r), MAX(r.finishedAt) FROM Run r"
                        + " WHERE r.finishedAt >= :since GROUP BY r.nodeName ORDER BY r.nodeName", Object[].class)
                .setParameter("since", UtcColumns.column(now.minus(24, ChronoUnit.HOURS)))
                .setMaxResults(LINES).getResultStream().map(row -> new Overview.NodeLine((String) row[0],
                        (Long) row[1], UtcColumns.instant((LocalDateTime) row[2]))).toList();
        return new Overview(now, hours, byGroup, failing, incidents.list(true, null, null, 0, LINES).items(), next,
                nodes);
    }

    /** The runs a script's trend is drawn from: its last finished ones. */
    public static final int TREND_RUNS = 50;

    /** How the script has been doing over its last {@value #TREND_RUNS} finished runs. */
    public ScriptTrend trend(String scriptId) {
        List<Object[]> rows = em.createQuery("SELECT r.id, r.outcome, r.startedAt, r.finishedAt, r.cpuUserMillis,"
                        + " r.cpuSystemMillis, r.peakMemoryBytes, r.cgroupCpuUserMillis, r.cgroupCpuSystemMillis,"
                        + " r.cgroupPeakMemoryBytes FROM Run r WHERE r.script.id = :id AND r.finishedAt IS NOT NULL"
                        + " ORDER BY r.queuedAt DESC, r.id DESC", Object[].class)
                .setParameter("id", scriptId).setMaxResults(TREND_RUNS).getResultList();
        List<ScriptTrend.Point> points = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0; i--) {
            Object[] row = rows.get(i);
            Instant started = UtcColumns.instant((LocalDateTime) row[2]);
            Instant finished = UtcColumns.instant((LocalDateTime) row[3]);
            Long user = row[4] != null ? (Long) row[4] : (Long) row[7];
            Long system = row[5] != null ? (Long) row[5] : (Long) row[8];
            Long peak = row[6] != null ? (Long) row[6] : (Long) row[9];
            points.add(new ScriptTrend.Point((String) row[0], ((RunOutcome) row[1]).name(), finished,
                    started == null ? null : java.time.Duration.between(started, finished).toMillis(),
                    user == null && system == null ? null
                            : ((user == null ? 0 : user) + (system == null ? 0 : system)) / 1000.0, peak));
        }
        List<String> ran = points.stream().map(ScriptTrend.Point::outcome)
                .filter(o -> !List.of("SKIPPED", "OVERLAPPED", "MISSED").contains(o)).toList();
        Double rate = ran.isEmpty() ? null : ran.stream().filter("SUCCEEDED"::equals).count() / (double) ran.size();
        List<Long> durations = points.stream().filter(p -> "SUCCEEDED".equals(p.outcome()) && p.durationMillis() != null)
                .map(ScriptTrend.Point::durationMillis).sorted().toList();
        return new ScriptTrend(points, rate, percentile(durations, 0.50), percentile(durations, 0.95));
    }

    /** Nearest rank; null for no values. */
    static Long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
