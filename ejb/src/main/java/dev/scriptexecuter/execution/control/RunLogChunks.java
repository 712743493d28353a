package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.boundary.LogSoFar;
import dev.scriptexecuter.execution.entity.RunLogChunk;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.infrastructure.UtcColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

/**
 * The log lines of running runs as their nodes shared them ({@link LogShare}):
 * read by other nodes to follow a run, and by whoever records a run's end
 * without its process (its node died) to keep the log it had printed.
 */
@ApplicationScoped
public class RunLogChunks {

    /** Chunks read at a time: a page that misses lines because of it reloads the log. */
    static final int MAX_READ = 500;

    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void add(RunLogChunk chunk) {
        em.persist(chunk);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void remove(Collection<String> chunkIds) {
        if (!chunkIds.isEmpty()) {
            em.createQuery("DELETE FROM RunLogChunk c WHERE c.id IN :ids").setParameter("ids", chunkIds)
                    .executeUpdate();
        }
    }

    /** Where a chunk is and when it was written, without its lines. */
    public record Heading(String id, String runId, long firstLine, long end, Instant writtenAt) {
    }

    /** The chunks written after a time (by any node's clock), oldest first, without their lines. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Heading> writtenAfter(Instant after) {
        return em.createQuery("SELECT c.id, c.runId, c.firstLine, c.lineCount, c.writtenAt FROM RunLogChunk c"
                        + " WHERE c.writtenAt > :after ORDER BY c.writtenAt", Object[].class)
                .setParameter("after", UtcColumns.column(after)).setMaxResults(MAX_READ).getResultList().stream()
                .map(row -> new Heading((String) row[0], (String) row[1], (Long) row[2],
                        (Long) row[2] + ((Number) row[3]).longValue(), UtcColumns.instant((LocalDateTime) row[4])))
                .toList();
    }

    /** These chunks with their lines, in order of run and line. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RunLogChunk> withLines(Collection<String> chunkIds) {
        if (chunkIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT c FROM RunLogChunk c WHERE c.id IN :ids ORDER BY c.runId, c.firstLine",
                RunLogChunk.class).setParameter("ids", chunkIds).getResultList();
    }

    /** The run's log as far as its node shared it; empty when it shared nothing (yet). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LogSoFar soFar(String runId) {
        return join(em.createQuery("SELECT c FROM RunLogChunk c WHERE c.runId = :run ORDER BY c.firstLine",
                RunLogChunk.class).setParameter("run", runId).getResultList());
    }

    /** The rows of a run recorded finished with the log they hold, in that transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeOf(String runId) {
        em.createQuery("DELETE FROM RunLogChunk c WHERE c.runId = :run").setParameter("run", runId).executeUpdate();
    }

    /**
     * The rows of runs recorded finished, whose whole log is stored (every node sweeps every third of
     * {@code ses.run.lease}; a run's end does not wait for it).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int removeOfFinished() {
        return em.createQuery("DELETE FROM RunLogChunk c WHERE c.runId IN"
                        + " (SELECT r.id FROM Run r WHERE r.status = :finished)")
                .setParameter("finished", RunStatus.FINISHED).executeUpdate();
    }

    /** Chunks in order as one log; where lines are missing between them, a line says how many. */
    static LogSoFar join(List<RunLogChunk> chunks) {
        if (chunks.isEmpty()) {
            return LogSoFar.EMPTY;
        }
        StringBuilder text = new StringBuilder();
        long next = 0;
        for (RunLogChunk chunk : chunks) {
            if (chunk.firstLine() > next) {
                long missing = chunk.firstLine() - next;
                text.append("[... ").append(missing).append(missing == 1 ? " line" : " lines")
                        .append(" left out here: a running run's log is passed between nodes in part"
                                + " (setting ses.run.log-max-bytes) ...]\n");
            }
            chunk.lines().forEach(line -> text.append(line).append('\n'));
            next = chunk.end();
        }
        return new LogSoFar(text.toString(), next);
    }
}
