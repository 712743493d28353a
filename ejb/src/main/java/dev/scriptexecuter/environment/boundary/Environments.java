package dev.scriptexecuter.environment.boundary;

import dev.scriptexecuter.environment.control.BuildBackoff;
import dev.scriptexecuter.environment.control.BuildFailure;
import dev.scriptexecuter.environment.control.EnvironmentBuilder;
import dev.scriptexecuter.environment.control.EnvironmentLedger;
import dev.scriptexecuter.environment.control.EnvironmentRecord;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.PythonInterpreter;
import dev.scriptexecuter.python.boundary.Requirements;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Hands runs the interpreter of their script's environment, building it first
 * when this node does not have it. One build per environment at a time: runs
 * that need an environment being built wait for that build (on this node
 * through a shared future, across processes sharing the work directory
 * through a file lock), and a build that failed is not repeated for every run
 * but after a wait that doubles with each failure in a row (from
 * {@code ses.env.retry-failed-after} up to {@code ses.env.retry-failed-max}),
 * kept in the database so that all nodes wait alike, or at once when a person
 * saves a script that needs it or asks for a rebuild.
 * <p>
 * Each node builds its own copy under its own work directory: a virtualenv
 * refers to the absolute path of the interpreter it was made with, which
 * belongs to the node, and a local disk is faster and more reliable than a
 * shared one for thousands of small files.
 */
@ApplicationScoped
public class Environments {

    private static final Logger LOG = Logger.getLogger(Environments.class.getName());

    @Inject
    WorkDirectory workDirectory;

    @Inject
    PythonInterpreter interpreter;

    @Inject
    EnvironmentLedger ledger;

    @Inject
    Clock clock;

    /** Builds get a thread of their own: the shared executors also carry the batch jobs that wait for them. */
    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "ses.env.index-url", defaultValue = "https://pypi.org/simple")
    String indexUrl;

    @Inject
    @ConfigProperty(name = "ses.env.extra-index-urls")
    Optional<String> extraIndexUrls;

    @Inject
    @ConfigProperty(name = "ses.env.find-links")
    Optional<String> findLinks;

    @Inject
    @ConfigProperty(name = "ses.env.install-timeout", defaultValue = "PT10M")
    Duration installTimeout;

    @Inject
    @ConfigProperty(name = "ses.env.install-log-max-bytes", defaultValue = "262144")
    long installLogMaxBytes;

    @Inject
    @ConfigProperty(name = "ses.env.retry-failed-after", defaultValue = "PT30S")
    Duration retryFailedAfter;

    @Inject
    @ConfigProperty(name = "ses.env.retry-failed-max", defaultValue = "PT30M")
    Duration retryFailedMax;

    @Inject
    @ConfigProperty(name = "ses.env.allow-direct-urls", defaultValue = "false")
    boolean allowDirectUrls;

    private final Map<String, CompletableFuture<Path>> builds = new ConcurrentHashMap<>();
    private final Map<Path, AtomicInteger> inUse = new ConcurrentHashMap<>();
    /**
     * Builds hold it shared while their folder exists unlinked, a sweep exclusively: a sweep that
     * listed the folders just as a build created its own would delete it under pip.
     */
    private final ReadWriteLock buildingOrSweeping = new ReentrantReadWriteLock();

    /** An environment a run holds while it runs, so that a sweep does not delete it under the run. */
    public interface Lease extends AutoCloseable {
        Path python();

        @Override
        void close();
    }

    /** Why a run cannot have its environment. */
    public static final class Unavailable extends Exception {
        private final String environmentId;

        Unavailable(String environmentId, String message) {
            super(message);
            this.environmentId = environmentId;
        }

        public String environmentId() {
            return environmentId;
        }
    }

    /**
     * The interpreter to run a script with: the base interpreter when it has
     * no requirements, else its environment's, built first if need be.
     *
     * @param stopped completes when the run is stopped, which ends the wait (the build goes on for others)
     */
    public Lease acquire(String requirementsText, CompletableFuture<?> stopped) throws Unavailable, InterruptedException {
        Requirements requirements = requirements(requirementsText, null);
        if (requirements == null) {
            Path base = interpreter.executable();
            return lease(base, false);
        }
        String id = requirements.hash();
        Optional<Path> ready = builder().find(id);
        if (ready.isEmpty()) {
            if (register(id, requirements.text()).backingOff(clock.instant())) {
                throw failed(id);
            }
            CompletableFuture<Path> build = build(id, requirements.text(), false);
            try {
                CompletableFuture.anyOf(build, stopped).get();
            } catch (ExecutionException e) {
                // the build's own outcome is read below
            }
            if (!build.isDone()) {
                throw new InterruptedException("stopped while waiting for environment " + id);
            }
            if (build.isCompletedExceptionally()) {
                throw failed(id);
            }
            ready = Optional.of(build.join());
        }
        try {
            ledger.used(id);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The last use of environment " + id + " could not be noted", e);
        }
        return lease(ready.get(), true);
    }

    /**
     * A person saved a script: starts building its environment in the background unless this node has it
     * or is building it, also when its latest build failed (they may have fixed what made it fail).
     */
    public void prepareInBackground(String requirementsText) {
        Requirements requirements;
        try {
            requirements = requirements(requirementsText, null);
        } catch (Unavailable e) {
            return;
        }
        if (requirements != null && builder().find(requirements.hash()).isEmpty()) {
            register(requirements.hash(), requirements.text());
            ledger.retryNow(requirements.hash());
            build(requirements.hash(), requirements.text(), false);
        }
    }

    /** Builds an environment again, also when it exists (a new build replaces the old one when it succeeded). */
    public Future<Path> rebuild(String id) {
        EnvironmentRecord known = ledger.find(id)
                .orElseThrow(() -> RequestRejected.notFound("There is no environment with id '" + id + "'."));
        ledger.retryNow(id);
        return build(id, known.requirements(), true);
    }

    /**
     * Whether the environment of these requirements (by hash; null for none) failed and waits before pip
     * is tried again: a scheduled occurrence then records no run (the last one says why, and when).
     */
    public boolean backingOff(String requirementsHash) {
        return requirementsHash != null
                && ledger.find(requirementsHash).map(known -> known.backingOff(clock.instant())).orElse(false);
    }

    /** Deletes an environment's files on this node. */
    public void remove(String id) {
        CompletableFuture<Path> running = builds.get(id);
        if (running != null && !running.isDone()) {
            throw RequestRejected.conflict("Environment " + id + " is being built; delete it when the build is over.");
        }
        builder().remove(id);
    }

    public boolean building(String id) {
        CompletableFuture<Path> running = builds.get(id);
        return running != null && !running.isDone();
    }

    public Optional<Path> installed(String id) {
        return builder().find(id);
    }

    /** Deletes builds no link points at and no run uses: left by a killed server or replaced by a rebuild. */
    public List<Path> sweep() {
        if (!buildingOrSweeping.writeLock().tryLock()) {
            return List.of();
        }
        try {
            Set<String> keep = inUse.entrySet().stream().filter(e -> e.getValue().get() > 0)
                    .map(e -> e.getKey().getParent().getParent().getFileName().toString()).collect(Collectors.toSet());
            return builder().sweep(keep);
        } finally {
            buildingOrSweeping.writeLock().unlock();
        }
    }

    private CompletableFuture<Path> build(String id, String text, boolean again) {
        CompletableFuture<Path> build = builds.compute(id, (key, running) -> running != null && !running.isDone()
                ? running : CompletableFuture.supplyAsync(() -> buildLocked(id, text, again),
                        task -> threads.newThread(task).start()));
        return build;
    }

    private Path buildLocked(String id, String text, boolean again) {
        buildingOrSweeping.readLock().lock();
        try {
            return buildLockedAgainstSweeps(id, text, again);
        } finally {
            buildingOrSweeping.readLock().unlock();
        }
    }

    private Path buildLockedAgainstSweeps(String id, String text, boolean again) {
        Path root = workDirectory.directory("environments");
        try {
            Files.createDirectories(root.resolve("locks"));
            try (FileChannel channel = FileChannel.open(root.resolve("locks").resolve(id + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                EnvironmentBuilder builder = builder();
                Optional<Path> ready = builder.find(id);
                if (ready.isPresent() && !again) {
                    return ready.get();
                }
                ledger.building(id);
                long started = System.nanoTime();
                EnvironmentBuilder.Build build = builder.build(id, text, interpreter.executable(), settings());
                long millis = (System.nanoTime() - started) / 1_000_000;
                ledger.built(id, text, build, millis, backoff());
                if (!build.succeeded()) {
                    LOG.warning(() -> "Environment " + id + " could not be built; see its install log.");
                    throw new CompletionException(new IllegalStateException("build failed"));
                }
                LOG.info(() -> "Environment " + id + " built in " + millis + " ms.");
                return build.python();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot build environment " + id, e);
            ledger.built(id, text, new EnvironmentBuilder.Build(false, null,
                    "[the server could not build the environment: " + e.getMessage() + "]", 0, null), 0, backoff());
            throw new UncheckedIOException(e);
        }
    }

    private EnvironmentRecord register(String id, String text) {
        try {
            return ledger.register(id, text);
        } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
            // another thread or node registered it at the same moment
            return ledger.find(id).orElseThrow(() -> e);
        }
    }

    private Requirements requirements(String text, String id) throws Unavailable {
        try {
            return Requirements.parse(text, allowDirectUrls);
        } catch (RequestRejected e) {
            throw new Unavailable(id, e.getMessage());
        }
    }

    /** The run's error: why the build failed (cause first), when pip is tried again, where the whole log is. */
    private Unavailable failed(String id) {
        String error = ledger.error(id).orElse(BuildFailure.Cause.OTHER.sentence());
        String retry = ledger.find(id).filter(known -> known.nextBuildAt() != null)
                .map(known -> " The next build attempt is at " + known.nextBuildAt().truncatedTo(ChronoUnit.SECONDS)
                        + " (" + known.failedBuilds() + " failed in a row); saving the script or a rebuild tries at once.")
                .orElse("");
        return new Unavailable(id, error + retry + " The install log: /api/environments/" + id + "/log");
    }

    private BuildBackoff backoff() {
        return new BuildBackoff(retryFailedAfter, retryFailedMax);
    }

    private Lease lease(Path python, boolean count) {
        AtomicInteger users = count ? inUse.computeIfAbsent(python, p -> new AtomicInteger()) : null;
        if (users != null) {
            users.incrementAndGet();
        }
        return new Lease() {
            private boolean closed;

            @Override
            public Path python() {
                return python;
            }

            @Override
            public synchronized void close() {
                if (!closed && users != null) {
                    users.decrementAndGet();
                }
                closed = true;
            }
        };
    }

    EnvironmentBuilder.Settings settings() {
        return new EnvironmentBuilder.Settings(indexUrl, list(extraIndexUrls), list(findLinks), installTimeout,
                installLogMaxBytes);
    }

    /** A comma-separated setting (Payara's config injection cannot produce an optional list). */
    private static List<String> list(Optional<String> setting) {
        return setting.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::strip)
                .filter(value -> !value.isEmpty()).toList();
    }

    private EnvironmentBuilder builder() {
        return new EnvironmentBuilder(workDirectory.directory("environments"));
    }
}
