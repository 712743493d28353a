package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.entity.RunLogChunk;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shares the log lines of this node's running runs through the database,
 * every {@code ses.run.log-share} (default a second; {@code PT0S} turns it
 * off), so that a page open on another node follows them and a run whose
 * node dies keeps what it printed. A run that ends within the interval
 * writes nothing here (its whole log is stored as it ends); per interval at
 * most an eighth of {@code ses.run.log-max-bytes} is shared, and a run's
 * shared lines stay within that cap (its first and newest lines).
 */
@ApplicationScoped
public class LogShare {

    private static final Logger LOG = Logger.getLogger(LogShare.class.getName());
    private static final int MIN_CHUNK_BYTES = 4096;

    @Resource
    ManagedScheduledExecutorService timers;

    @Inject
    RunLogChunks chunks;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "ses.run.log-share", defaultValue = "PT1S")
    Duration every;

    @Inject
    @ConfigProperty(name = "ses.run.log-max-bytes", defaultValue = "1048576")
    long logMaxBytes;

    private final Map<String, Shared> runs = new ConcurrentHashMap<>();
    private ScheduledFuture<?> writer;

    /**
     * One run's lines, locked for adding and taking; {@code writing} is held
     * while its chunk is written, so that once {@link #close} returns nothing
     * more is written for the run.
     */
    private static final class Shared {
        final SharedLines lines;
        final Object writing = new Object();
        boolean closed;

        Shared(SharedLines lines) {
            this.lines = lines;
        }
    }

    @PostConstruct
    void start() {
        if (enabled()) {
            writer = timers.scheduleWithFixedDelay(this::write, every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (writer != null) {
            writer.cancel(false);
        }
    }

    private boolean enabled() {
        return !every.isZero() && !every.isNegative();
    }

    /** The run's lines are shared from now on. */
    public void open(String runId) {
        if (enabled()) {
            runs.put(runId, new Shared(new SharedLines(logMaxBytes, (int) Math.min(Integer.MAX_VALUE,
                    Math.max(MIN_CHUNK_BYTES, logMaxBytes / 8)))));
        }
    }

    public void line(String runId, long index, String line) {
        Shared shared = runs.get(runId);
        if (shared != null) {
            synchronized (shared.lines) {
                shared.lines.add(index, line);
            }
        }
    }

    /** The run's process has ended: nothing more is written for it (what it printed is stored with its end). */
    public void close(String runId) {
        Shared shared = runs.remove(runId);
        if (shared != null) {
            synchronized (shared.writing) {
                shared.closed = true;
            }
        }
    }

    private void write() {
        for (Map.Entry<String, Shared> run : runs.entrySet()) {
            Shared shared = run.getValue();
            synchronized (shared.writing) {
                if (shared.closed) {
                    continue;
                }
                SharedLines.Pending pending;
                synchronized (shared.lines) {
                    pending = shared.lines.take();
                }
                if (pending == null) {
                    continue;
                }
                try {
                    RunLogChunk chunk = new RunLogChunk(run.getKey(), pending.first(), pending.lines(),
                            pending.bytes(), clock.instant());
                    chunks.add(chunk);
                    List<String> dropped;
                    synchronized (shared.lines) {
                        dropped = shared.lines.written(chunk.id(), pending.bytes());
                    }
                    chunks.remove(dropped);
                } catch (RuntimeException e) {
                    // the lines are left out; a page on another node sees the gap and reloads
                    LOG.log(Level.FINE, "Log lines of run " + run.getKey() + " could not be shared", e);
                }
            }
        }
    }
}
