package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.boundary.RunOutput;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Passes a run's new log lines on as {@link RunOutput} events, gathered for a
 * fifth of a second so a chatty script does not send one message per line.
 * At most {@link #MAX_LINES} lines per run and interval are passed on; the
 * stored log has them all (up to its cap).
 */
@ApplicationScoped
public class OutputBroadcast {

    static final int MAX_LINES = 500;
    private static final long INTERVAL_MILLIS = 200;

    @Resource
    ManagedScheduledExecutorService timers;

    @Inject
    Event<RunOutput> output;

    private final Map<String, Batch> pending = new ConcurrentHashMap<>();

    /** Lines waiting to be passed on, from line number {@code first} on. */
    private record Batch(long first, List<String> lines) {
    }
    private ScheduledFuture<?> flusher;

    @PostConstruct
    void start() {
        flusher = timers.scheduleWithFixedDelay(this::flush, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        flusher.cancel(false);
    }

    public void line(String runId, long index, String line) {
        Batch batch = pending.computeIfAbsent(runId, id -> new Batch(index, new ArrayList<>()));
        synchronized (batch) {
            if (batch.lines().size() < MAX_LINES) {
                batch.lines().add(line);
            }
        }
    }

    private void flush() {
        for (String runId : List.copyOf(pending.keySet())) {
            Batch batch = pending.remove(runId);
            if (batch != null) {
                List<String> lines;
                synchronized (batch) {
                    lines = List.copyOf(batch.lines());
                }
                if (!lines.isEmpty()) {
                    output.fire(new RunOutput(runId, batch.first(), lines));
                }
            }
        }
    }
}
