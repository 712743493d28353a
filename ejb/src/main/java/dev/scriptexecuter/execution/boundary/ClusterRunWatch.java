package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.RunLogChunks;
import dev.scriptexecuter.execution.entity.RunLogChunk;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.infrastructure.Node;
import dev.scriptexecuter.infrastructure.UtcColumns;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dashboard push across nodes: a browser sees the runs of the node it talks
 * to through CDI events, and every second this node reads from the database
 * what other nodes' runs did since (queued or running now, or finished lately)
 * and passes each change on as a {@link RunChangedElsewhere}; the log lines
 * their nodes shared since ({@code LogShare}) go on as {@link RunOutput}, as
 * this node's own runs' lines do. Polling keeps the cluster free of extra
 * infrastructure; the database is shared anyway.
 */
@Singleton
@Startup
@PermitAll
@DependsOn("SchemaMigrator")
public class ClusterRunWatch {

    private static final Logger LOG = Logger.getLogger(ClusterRunWatch.class.getName());
    private static final long TICK_MILLIS = 1000;
    /** finished_at is stamped before its transaction commits, by another node's clock: look this far back. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);
    private static final int REMEMBERED = 10_000;

    @Resource
    TimerService timerService;

    @PersistenceContext
    EntityManager em;

    @Inject
    Node node;

    @Inject
    Clock clock;

    @Inject
    Event<RunChangedElsewhere> changes;

    @Inject
    Event<RunOutput> output;

    @Inject
    RunLogChunks logChunks;

    /** Of each run running on another node: the number of the next line to pass on. */
    private final Map<String, Long> linesPassed = new HashMap<>();

    private final Map<String, String> active = new HashMap<>();
    private final Map<String, Boolean> finished = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private Instant finishedSince;
    private Instant chunksSince;

    @PostConstruct
    void start() {
        finishedSince = clock.instant().minus(OVERLAP);
        chunksSince = Instant.EPOCH; // the lines of runs going on elsewhere when this node starts, too
        timerService.createIntervalTimer(TICK_MILLIS, TICK_MILLIS, new TimerConfig("cluster-run-watch", false));
    }

    @Timeout
    void tick() {
        try {
            String me = node.name();
            Map<String, String> nowActive = new HashMap<>();
            for (Object[] row : em.createQuery("SELECT r.id, r.script.id, r.status FROM Run r WHERE r.nodeName <> :me"
                            + " AND (r.status = :queued OR r.status = :running)", Object[].class)
                    .setParameter("me", me).setParameter("queued", RunStatus.QUEUED)
                    .setParameter("running", RunStatus.RUNNING).getResultList()) {
                String id = (String) row[0];
                String status = row[2].toString();
                nowActive.put(id, status);
                if (!Objects.equals(active.get(id), status)) {
                    changes.fire(new RunChangedElsewhere(id, (String) row[1], status, null));
                }
            }
            active.clear();
            active.putAll(nowActive);
            passLines();

            List<Object[]> ended = em.createQuery("SELECT r.id, r.script.id, r.outcome, r.finishedAt FROM Run r"
                            + " WHERE r.nodeName <> :me AND r.finishedAt > :since ORDER BY r.finishedAt", Object[].class)
                    .setParameter("me", me).setParameter("since", UtcColumns.column(finishedSince))
                    .setMaxResults(REMEMBERED).getResultList();
            for (Object[] row : ended) {
                String id = (String) row[0];
                if (finished.put(id, Boolean.TRUE) == null) {
                    changes.fire(new RunChangedElsewhere(id, (String) row[1], RunStatus.FINISHED.name(),
                            row[2] == null ? null : row[2].toString()));
                }
                Instant at = UtcColumns.instant((LocalDateTime) row[3]).minus(OVERLAP);
                if (at.isAfter(finishedSince)) {
                    finishedSince = at;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Runs of other nodes could not be read", e);
        }
    }

    /**
     * The lines other nodes shared since the last tick, of runs running there: one query for where the new
     * chunks are, one for the lines of those that hold lines not passed on yet (none when nothing is new).
     */
    private void passLines() {
        linesPassed.keySet().retainAll(active.keySet());
        List<String> wanted = new ArrayList<>();
        for (RunLogChunks.Heading chunk : logChunks.writtenAfter(chunksSince)) {
            if (active.containsKey(chunk.runId()) && chunk.end() > linesPassed.getOrDefault(chunk.runId(), 0L)) {
                wanted.add(chunk.id());
            }
            Instant at = chunk.writtenAt().minus(OVERLAP);
            if (at.isAfter(chunksSince)) {
                chunksSince = at;
            }
        }
        for (RunLogChunk chunk : logChunks.withLines(wanted)) {
            long passed = linesPassed.getOrDefault(chunk.runId(), 0L);
            if (chunk.end() > passed) {
                output.fire(new RunOutput(chunk.runId(), chunk.firstLine(), chunk.lines()));
                linesPassed.put(chunk.runId(), chunk.end());
            }
        }
    }
}
