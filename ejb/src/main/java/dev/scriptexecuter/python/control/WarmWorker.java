package dev.scriptexecuter.python.control;

import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.python.boundary.ProcessGroup;
import dev.scriptexecuter.python.boundary.ResourceUsage;
import jakarta.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One warm worker ({@code worker.py}): a Python process of one script, started
 * inside the script's limits and sandbox, that has imported the harness and
 * forks a child per run. It serves one run at a time; requests go to its
 * stdin and replies come from its stdout as JSON lines, its stderr goes to
 * {@code worker.log} in its directory.
 */
final class WarmWorker {

    private static final Logger LOG = Logger.getLogger(WarmWorker.class.getName());
    private static final JsonObject GONE = Json.PROVIDER.createObjectBuilder().add("gone", true).build();

    /** What a worker was started with; a run can use a worker only with the same key. */
    record Key(String scriptId, Path python, RunConfinement.Grant grant, List<String> preload) {
    }

    private final Key key;
    private final Path directory;
    private final Process process;
    private final RunConfinement.Confined confined;
    private final RunConfinement confinement;
    private final OutputStream requests;
    private final BlockingQueue<JsonObject> replies = new LinkedBlockingQueue<>();
    private volatile boolean gone;
    private volatile ResourceUsage lastUsage;
    private volatile long idleSince = System.nanoTime();
    /** The worker's interpreter and the processes above it (the sandbox's, and the server's): never leftovers. */
    private volatile java.util.Set<Long> chain = java.util.Set.of();

    private WarmWorker(Key key, Path directory, Process process, RunConfinement.Confined confined,
                       RunConfinement confinement) {
        this.key = key;
        this.directory = directory;
        this.process = process;
        this.confined = confined;
        this.confinement = confinement;
        this.requests = process.getOutputStream();
    }

    /** Starts a worker and waits until it has imported the harness (and the modules to preload). */
    static WarmWorker start(Key key, Path directory, RunConfinement.Confined confined, RunConfinement confinement,
                            Path home, Map<String, String> environment, ThreadFactory threads, Duration readyWithin)
            throws IOException {
        Files.createDirectories(directory.resolve("runs"));
        ProcessBuilder builder = new ProcessBuilder(confined.command()).directory(home.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(directory.resolve("worker.log").toFile()));
        Map<String, String> env = ProcessGroup.minimalEnvironment(builder, home);
        env.putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            confinement.release(confined);
            throw e;
        }
        WarmWorker worker = new WarmWorker(key, directory, process, confined, confinement);
        threads.newThread(worker::readReplies).start();
        JsonObject ready;
        try {
            ready = worker.replies.poll(readyWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = null;
        }
        if (ready == null || !ready.containsKey("ready")) {
            worker.retire();
            throw new IOException("the warm worker did not start within " + readyWithin + ": " + worker.logTail());
        }
        ProcessHandle started = worker.process.toHandle();
        ProcessHandle python = started.descendants().filter(WarmWorker::isWorker).findFirst().orElse(started);
        java.util.Set<Long> chain = new java.util.HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(python); p.isPresent(); p = p.get().parent()) {
            chain.add(p.get().pid());
        }
        worker.chain = java.util.Set.copyOf(chain);
        JsonObject failed = ready.getJsonObject("failed");
        if (failed != null && !failed.isEmpty()) {
            LOG.warning(() -> "The warm worker of script " + key.scriptId() + " could not preload " + failed);
        }
        return worker;
    }

    Key key() {
        return key;
    }

    /** Where the run directories of this worker's runs go (writable inside its sandbox). */
    Path runs() {
        return directory.resolve("runs");
    }

    boolean alive() {
        return !gone && process.isAlive();
    }

    long idleSince() {
        return idleSince;
    }

    void idle() {
        idleSince = System.nanoTime();
    }

    /**
     * Forks the run's process, which then waits for the server to open
     * {@code output}; returns its process id (as the worker sees it).
     *
     * @throws IOException when the worker is gone or did not answer: nothing of the run has started
     */
    long begin(Path runDirectory, Path output, Map<String, String> environment, long nproc) throws IOException {
        replies.clear();
        lastUsage = null;
        var request = Json.PROVIDER.createObjectBuilder().add("op", "run").add("dir", runDirectory.toString())
                .add("output", output.toString()).add("env", Json.PROVIDER.createObjectBuilder(
                        Map.<String, Object>copyOf(environment)));
        if (nproc > 0) {
            request.add("nproc", nproc);
        }
        send(request.build());
        JsonObject reply;
        try {
            reply = replies.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = null;
        }
        if (reply == null || !reply.containsKey("started")) {
            retire();
            throw new IOException("the warm worker did not start the run: " + (reply == null ? "no answer" : reply)
                    + "; " + logTail());
        }
        return reply.getJsonNumber("started").longValue();
    }

    /** SIGKILL to the current run's process group (and, in the sandbox, to all it left). */
    void kill() {
        try {
            send(Json.PROVIDER.createObjectBuilder().add("op", "kill").build());
        } catch (IOException e) {
            retire();
        }
    }

    /** The current run's exit code (128 + signal when killed), or -1 when the worker itself went away. */
    int awaitExit() throws InterruptedException {
        while (true) {
            JsonObject reply = replies.take();
            if (reply.containsKey("exit")) {
                lastUsage = ResourceUsage.fromReport(reply.get("usage"));
                return reply.getInt("exit");
            }
            if (reply.containsKey("gone")) {
                return -1;
            }
        }
    }

    /** What the run that ended last used, as the worker's wait4 saw it; null if it said nothing. */
    ResourceUsage lastUsage() {
        return lastUsage;
    }

    /** Ends the worker: it exits when its stdin closes; whatever is left is killed, its cgroup removed. */
    void retire() {
        gone = true;
        try {
            requests.close();
        } catch (IOException e) {
            // it is going away either way
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            confinement.release(confined);
        }
    }

    /**
     * After a run: kills what it left behind that the worker's own sweep
     * could not reach (outside the sandbox, a process that left the run's
     * process group), found in the worker's cgroup.
     */
    void killLeftovers() {
        for (int pass = 0; pass < 50; pass++) {
            List<ProcessHandle> left = leftovers();
            if (left.isEmpty()) {
                return;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warning(() -> "Processes a run left in a warm worker's cgroup survived 50 kills: " + leftovers());
    }

    /**
     * The processes of this worker other than the worker itself and the
     * sandbox's (its parents): what runs left behind, found in its cgroup
     * (also what left its process tree) or else below it. Empty after a run.
     */
    List<ProcessHandle> leftovers() {
        java.util.Set<Long> chain = this.chain;
        java.util.stream.Stream<ProcessHandle> members = confined.cgroup() != null
                ? PidsCgroups.processesIn(confined.cgroup()).stream().map(ProcessHandle::of).flatMap(Optional::stream)
                : process.toHandle().descendants();
        return members.filter(ProcessHandle::isAlive).filter(p -> !chain.contains(p.pid())).toList();
    }

    private static boolean isWorker(ProcessHandle process) {
        return process.info().arguments().map(arguments -> arguments.length > 2 && arguments[2].endsWith("worker.py"))
                .orElse(false);
    }

    private synchronized void send(JsonObject request) throws IOException {
        if (gone) {
            throw new IOException("the warm worker is gone");
        }
        requests.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
    }

    private void readReplies() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String said = line;
                try {
                    replies.add(Json.parseObject(said));
                } catch (RuntimeException e) {
                    LOG.warning(() -> "A warm worker said something that is not its protocol: " + said);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "A warm worker's replies ended", e);
        } finally {
            gone = true;
            replies.add(GONE);
        }
    }

    private String logTail() {
        try {
            String log = Files.readString(directory.resolve("worker.log"), StandardCharsets.UTF_8).strip();
            return log.isEmpty() ? "(its log is empty)" : log.substring(Math.max(0, log.length() - 1000));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
