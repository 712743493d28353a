package dev.scriptexecuter.execution.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends the runs of this node that go beyond their time or their disk space, all of them from one task that
 * looks every {@link #TICK_MILLIS} ms: a run past its deadline is timed out, and every
 * {@code ses.run.disk-check-interval} its home and run directory are measured.
 * <p>
 * One task for the node, not two scheduled tasks per run: a cancelled task stays in the scheduler's queue
 * until the time it was set for, and a run's deadline task held the whole run (its log, its process, its
 * output reader) for the run's timeout after it had ended, an hour by default: the soak in BENCHMARKS.md
 * ("A long run") found 29,000 ended runs in the heap after 15 minutes. And each scheduled task captured the
 * caller's context, a cost at every run.
 */
@ApplicationScoped
public class RunWatch {

    /** How often deadlines are looked at, so how late a run may be timed out. */
    static final long TICK_MILLIS = 100;

    private static final Logger LOG = Logger.getLogger(RunWatch.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService timers;

    @Inject
    DiskLimits disks;

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> ticker;

    @PostConstruct
    void start() {
        ticker = timers.scheduleWithFixedDelay(() -> tick(System.nanoTime()), TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    /** Watches a run whose process has started, until the watch is closed (when the process has ended). */
    Watch watch(LiveRun live, Duration limit, Path home, Path runDirectory) {
        Watch watch = new Watch(live, System.nanoTime(), limit, home, runDirectory);
        watched.add(watch);
        return watch;
    }

    /** The runs watched now. */
    int watching() {
        return watched.size();
    }

    /** Times out every run past its deadline and measures those whose disk check is due; one failure stops no other. */
    void tick(long now) {
        for (Watch watch : watched) {
            try {
                watch.check(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not check the limits of run " + watch.live.runId(), e);
            }
        }
    }

    /** One run's deadline and disk checks; closing it forgets the run. */
    final class Watch implements AutoCloseable {

        private final LiveRun live;
        private final long deadline;
        private final long diskEvery;
        private final Path home;
        private final Path runDirectory;
        private long nextDiskCheck;
        private boolean timedOut;

        private Watch(LiveRun live, long started, Duration limit, Path home, Path runDirectory) {
            this.live = live;
            this.deadline = started + limit.toNanos();
            this.diskEvery = disks.interval().toNanos();
            this.nextDiskCheck = started + diskEvery;
            this.home = home;
            this.runDirectory = runDirectory;
        }

        /** Called by one ticker at a time. */
        private void check(long now) {
            if (!timedOut && now - deadline >= 0) {
                timedOut = true;
                live.timeOut();
                return;
            }
            if (now - nextDiskCheck >= 0) {
                nextDiskCheck = now + diskEvery;
                disks.over(home, runDirectory).ifPresent(live::overDiskLimit);
            }
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }
}
