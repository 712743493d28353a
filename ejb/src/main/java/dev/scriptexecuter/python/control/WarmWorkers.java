package dev.scriptexecuter.python.control;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.Harness;
import dev.scriptexecuter.python.boundary.HarnessLaunch;
import dev.scriptexecuter.python.boundary.PythonFiles;
import dev.scriptexecuter.python.boundary.RunFiles;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The warm workers of this node: at most {@code ses.worker.max} processes,
 * each serving one script's runs one at a time. A run in warm mode takes an
 * idle worker of its script (same interpreter, network and preloaded
 * modules) or starts one; when none can be had (all busy at the maximum,
 * or one failed to start) the run is spawned as usual. Workers idle for
 * {@code ses.worker.idle-timeout} are ended.
 * <p>
 * Where runs are counted in pids cgroups, each worker has one of its own:
 * as it serves one run at a time, that cgroup counts the run's processes
 * (plus the worker's own).
 */
@ApplicationScoped
public class WarmWorkers {

    private static final Logger LOG = Logger.getLogger(WarmWorkers.class.getName());

    @Inject
    WorkDirectory workDirectory;

    @Inject
    RunConfinement confinement;

    @Inject
    PythonFiles files;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ThreadFactory threads;

    /** How runs of scripts that do not choose are made: spawn (a new interpreter per run) or warm. */
    @Inject
    @ConfigProperty(name = "ses.run.mode", defaultValue = Harness.SPAWN)
    String defaultMode;

    @Inject
    @ConfigProperty(name = "ses.worker.max", defaultValue = "16")
    int max;

    @Inject
    @ConfigProperty(name = "ses.worker.idle-timeout", defaultValue = "PT10M")
    Duration idleTimeout;

    /** Modules every worker imports before its first run, comma-separated; one that fails is left out. */
    @Inject
    @ConfigProperty(name = "ses.worker.preload")
    Optional<String> preload;

    private final List<WarmWorker> idle = new ArrayList<>();
    private int busy;
    private final AtomicLong started = new AtomicLong();
    private volatile boolean closed;

    /** The mode a run is made in: its script's choice, else the node's default. */
    public String modeOf(String scriptMode) {
        String mode = scriptMode != null ? scriptMode : defaultMode;
        return mode == null ? Harness.SPAWN : mode.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A run forked by an idle worker of its script, or a new one, its files
     * written by {@code runFiles} into a run directory of the worker's; empty
     * when it is to be spawned instead (no worker could be had, or the worker
     * failed before the run started).
     */
    public Optional<Harness> fork(HarnessLaunch launch, RunConfinement.Grant grant, RunFiles runFiles,
                                  Consumer<String> lines) {
        Optional<WarmWorker> worker = take(launch.scriptId(), launch.python(), grant, launch.scriptHome());
        if (worker.isEmpty()) {
            return Optional.empty();
        }
        Path directory = worker.get().runs().resolve(launch.runId());
        try {
            runFiles.write(directory);
            return Optional.of(WarmHarness.start(worker.get(), this, directory, launch.environment(),
                    confinement.processLimit(), lines, threads));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "A warm worker failed before run " + launch.runId() + " started; it is spawned", e);
            WorkDirectory.deleteTree(directory);
            give(worker.get());
            return Optional.empty();
        } catch (RuntimeException e) {
            WorkDirectory.deleteTree(directory);
            give(worker.get());
            throw e;
        }
    }

    /**
     * An idle worker for these runs, or a new one; empty when the run is to be
     * spawned instead (none free at the maximum, or none can start).
     */
    private Optional<WarmWorker> take(String scriptId, Path python, RunConfinement.Grant grant, Path scriptHome) {
        if (closed) {
            return Optional.empty();
        }
        WarmWorker.Key key = new WarmWorker.Key(scriptId, python, grant, preloadList());
        List<WarmWorker> retired = new ArrayList<>();
        WarmWorker found = null;
        boolean full = false;
        synchronized (this) {
            long now = System.nanoTime();
            for (var it = idle.iterator(); it.hasNext(); ) {
                WarmWorker worker = it.next();
                boolean stale = expired(worker, now)
                        || (worker.key().scriptId().equals(scriptId) && !worker.key().equals(key));
                if (stale) {
                    it.remove();
                    retired.add(worker);
                } else if (found == null && worker.key().equals(key)) {
                    it.remove();
                    found = worker;
                }
            }
            if (found == null) {
                if (busy + idle.size() >= max && !idle.isEmpty()) {
                    WarmWorker oldest = idle.stream().min(Comparator.comparingLong(WarmWorker::idleSince)).orElseThrow();
                    idle.remove(oldest);
                    retired.add(oldest);
                }
                full = busy + idle.size() >= max;
            }
            if (!full) {
                busy++;
            }
        }
        retired.forEach(WarmWorker::retire);
        if (full) {
            return Optional.empty();
        }
        if (found != null) {
            return Optional.of(found);
        }
        try {
            return Optional.of(start(key, scriptHome));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "A warm worker for script " + scriptId + " could not start; its run is spawned", e);
            synchronized (this) {
                busy--;
            }
            return Optional.empty();
        }
    }

    /** A run is over: its worker serves the next one, unless it died, was killed or the node is closing. */
    void give(WarmWorker worker) {
        worker.killLeftovers();
        boolean keep;
        synchronized (this) {
            busy--;
            keep = !closed && worker.alive();
            if (keep) {
                worker.idle();
                idle.add(worker);
            }
        }
        if (!keep) {
            worker.retire();
        }
    }

    /** A script was deleted: its idle workers go now rather than at their idle timeout. */
    public void endWorkersOf(String scriptId) {
        retireIdle(worker -> worker.key().scriptId().equals(scriptId));
    }

    /** Ends idle workers that have died or waited longer than the idle timeout. */
    public void endIdle() {
        long now = System.nanoTime();
        retireIdle(worker -> expired(worker, now));
    }

    /** Workers waiting for a run. */
    public synchronized int idleCount() {
        return idle.size();
    }

    /** What runs left below the idle workers: nothing, once a run is over, or the guard rails failed. */
    synchronized List<ProcessHandle> leftovers() {
        return idle.stream().flatMap(worker -> worker.leftovers().stream()).toList();
    }

    @PreDestroy
    public void close() {
        synchronized (this) {
            closed = true;
        }
        retireIdle(worker -> true);
    }

    /** Takes the idle workers that match out of the pool and ends them (outside the lock: that takes time). */
    private void retireIdle(Predicate<WarmWorker> matching) {
        List<WarmWorker> retired = new ArrayList<>();
        synchronized (this) {
            idle.removeIf(worker -> matching.test(worker) && retired.add(worker));
        }
        retired.forEach(WarmWorker::retire);
    }

    private boolean expired(WarmWorker worker, long now) {
        return !worker.alive() || now - worker.idleSince() > idleTimeout.toNanos();
    }

    private WarmWorker start(WarmWorker.Key key, Path scriptHome) throws IOException {
        String id = "w" + ProcessHandle.current().pid() + "-" + started.incrementAndGet();
        Path directory = workDirectory.directory("workers", id);
        RunConfinement.Confined confined = confinement.confineWorker(id, new RunConfinement.Paths(directory, scriptHome,
                key.python(), files.harness()), key.grant(), files.worker(), key.preload());
        // the placeholder is room in the worker's environment block where each forked run writes its id
        return WarmWorker.start(key, directory, confined, confinement, scriptHome, Map.of("PYTHONIOENCODING", "utf-8",
                "SES_RUN_ID", "-".repeat(64)), threads, Duration.ofSeconds(60));
    }

    private List<String> preloadList() {
        return preload.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::strip)
                .filter(name -> !name.isEmpty()).toList();
    }
}
