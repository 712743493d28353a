package dev.scriptexecuter.python.control;

import dev.scriptexecuter.infrastructure.ByteSizes;
import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.ExtraSandboxPaths;
import dev.scriptexecuter.python.boundary.PythonInterpreter;
import dev.scriptexecuter.python.boundary.ResourceUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What keeps a run from hurting the server: an address-space limit
 * (RLIMIT_AS, through {@code prlimit}), a process-count limit (a pids cgroup
 * when the server may create one, else RLIMIT_NPROC), and, where bubblewrap
 * works, a sandbox: of the host's files only what {@link SandboxView} names
 * (what Python needs, read-only; the run's directory and the script's home
 * writable), no network unless the script may have it, an unprivileged user
 * and no capabilities. It puts a run's command line together; the parts are
 * {@link SandboxView} (what the sandbox shows), {@link BubblewrapProbe}
 * (whether there is one), {@link PidsCgroups} and {@link ProcessLimits}.
 */
@ApplicationScoped
public class RunConfinement {

    private static final Logger LOG = Logger.getLogger(RunConfinement.class.getName());

    @Inject
    WorkDirectory workDirectory;

    @Inject
    PythonInterpreter interpreter;

    /** Bytes of address space per run process, e.g. "4g", "512m"; "none" for no limit. */
    @Inject
    @ConfigProperty(name = "ses.run.memory-limit", defaultValue = "4g")
    String memoryLimit;

    @Inject
    @ConfigProperty(name = "ses.run.max-processes", defaultValue = "256")
    int maxProcesses;

    /** Comma-separated host paths every sandboxed run may read besides what Python needs. */
    @Inject
    @ConfigProperty(name = "ses.sandbox.read-only-paths")
    Optional<String> readOnlyPaths = Optional.empty();

    /** Comma-separated host paths every sandboxed run may write. */
    @Inject
    @ConfigProperty(name = "ses.sandbox.writable-paths")
    Optional<String> writablePaths = Optional.empty();

    /** auto: sandbox when bubblewrap works; on: refuse to run without it; off: never. */
    @Inject
    @ConfigProperty(name = "ses.sandbox", defaultValue = "auto")
    String sandboxSetting;

    private volatile Capabilities capabilities;
    private volatile SandboxView view;

    /** What this machine offers, found out once. */
    record Capabilities(Path bwrap, Path cgroupBase, String cgroupProblem, String sandboxProblem,
                        UsageCgroups.Bases usage) {
    }

    /** The paths one run needs. */
    public record Paths(Path runDirectory, Path scriptHome, Path python, Path harness) {
    }

    /**
     * What one run (or one warm worker's runs) may do: use the network, see
     * the script's own extra host paths, write files of at most
     * {@code maxFileBytes} (0: no limit).
     */
    public record Grant(boolean allowNetwork, ExtraSandboxPaths scriptPaths, long maxFileBytes) {
    }

    /**
     * A run's command line inside its limits, the cgroup to clear when it is over (null if none) and the
     * cgroups that account its CPU time and memory besides (v1; empty otherwise).
     */
    public record Confined(List<String> command, Path cgroup, List<Path> accounting) {
    }

    /** Whether runs execute in the sandbox on this node. */
    public boolean sandboxed() {
        return capabilities().bwrap() != null;
    }

    /** Whether the sandbox was switched off on purpose (ses.sandbox=off), rather than not found. */
    public boolean sandboxSwitchedOff() {
        return "off".equalsIgnoreCase(sandboxSetting.strip());
    }

    /** Whether each run's processes are counted (and killed) in a pids cgroup of its own. */
    public boolean processesInCgroup() {
        return capabilities().cgroupBase() != null;
    }

    /** Why runs are not sandboxed (for the log and the dashboard); empty when they are. */
    public Optional<String> notSandboxedBecause() {
        return Optional.ofNullable(capabilities().sandboxProblem());
    }

    public Confined confine(String runId, Paths paths, Grant grant) throws IOException {
        return confined("run-" + runId, maxProcesses, true, true, paths, grant,
                List.of(paths.python().toString(), "-u", "-I", paths.harness().toString(),
                        paths.runDirectory().toString()));
    }

    /** Processes of a warm worker itself in its cgroup: the sandbox's two (bwrap and its init) and the worker. */
    static final int WORKER_OWN_PROCESSES = 3;

    /**
     * The command line of a warm worker for one script: the limits and sandbox
     * of a run (its directory is the worker's, holding the run directories).
     * With pids cgroups the worker gets one of its own, which counts its one
     * run at a time: {@code ses.run.max-processes} plus the worker's own
     * processes. Without, each forked run sets its RLIMIT_NPROC itself
     * ({@link #processLimit}).
     */
    public Confined confineWorker(String workerId, Paths paths, Grant grant, Path worker, List<String> preload)
            throws IOException {
        List<String> program = new ArrayList<>(List.of(paths.python().toString(), "-u", "-I", worker.toString(),
                paths.harness().toString()));
        if (sandboxed()) {
            program.add("--sweep");
        }
        program.addAll(preload);
        return confined("run-" + workerId, maxProcesses + WORKER_OWN_PROCESSES, false, false, paths, grant, program);
    }

    /**
     * {@code program} in its own process group, under the address-space limit,
     * in the sandbox where there is one, and in a pids cgroup of {@code pidsMax}
     * where the server may make one (else, with {@code nprocWithoutCgroup},
     * under RLIMIT_NPROC). {@code accounted}: in accounting cgroups too (a spawned run; a warm worker's runs
     * are measured by the worker).
     */
    private Confined confined(String cgroupName, long pidsMax, boolean nprocWithoutCgroup, boolean accounted,
                              Paths paths, Grant grant, List<String> program) throws IOException {
        Capabilities found = capabilities();
        if (found.bwrap() == null && "on".equalsIgnoreCase(sandboxSetting.strip())) {
            throw new IOException("ses.sandbox=on, but the sandbox cannot be used: " + found.sandboxProblem());
        }
        List<String> command = new ArrayList<>();
        Path cgroup = null;
        List<Path> accounting = List.of();
        if (found.cgroupBase() != null) {
            cgroup = found.cgroupBase().resolve(cgroupName);
            Files.createDirectories(cgroup);
            Files.writeString(cgroup.resolve("pids.max"), String.valueOf(pidsMax));
            if (accounted) {
                accounting = UsageCgroups.create(found.usage(), cgroupName);
            }
            List<String> groups = new ArrayList<>(List.of(cgroup.toString()));
            accounting.forEach(group -> groups.add(group.toString()));
            // the shell moves itself into the cgroups, then becomes the run (exec): all it starts stays inside
            command.addAll(List.of("sh", "-c", "IFS=:; for g in $0; do echo $$ > \"$g\"/cgroup.procs || exit 125; done;"
                    + " unset IFS; exec \"$@\"", String.join(":", groups)));
        }
        command.add("setsid");
        command.addAll(ProcessLimits.prlimit(ByteSizes.parse("ses.run.memory-limit", memoryLimit), grant.maxFileBytes(),
                nprocWithoutCgroup && found.cgroupBase() == null ? maxProcesses : 0));
        if (found.bwrap() != null) {
            command.addAll(bwrap(found.bwrap(), paths, grant.allowNetwork(), grant.scriptPaths()));
        }
        command.addAll(program);
        return new Confined(command, cgroup, accounting);
    }

    /** RLIMIT_NPROC for a run forked by a warm worker, as {@link #confine} gives a spawned one; 0 for none. */
    public long processLimit() {
        return capabilities().cgroupBase() == null ? ProcessLimits.userTasks() + maxProcesses : 0;
    }

    /** Kills whatever is still alive in the run's cgroup (also what left its process group) and removes it. */
    public void release(Confined confined) {
        releaseMeasured(confined);
    }

    /**
     * {@link #release}, returning what the run's cgroups counted before they went (null where runs have no
     * cgroups of their own, or on v1 without accounting groups).
     */
    public ResourceUsage releaseMeasured(Confined confined) {
        if (confined.cgroup() == null) {
            return null;
        }
        ResourceUsage usage = null;
        if (capabilities().usage().v2()) {
            // the pids group is the accounting group: read it before it goes
            PidsCgroups.kill(confined.cgroup());
            usage = UsageCgroups.read(capabilities().usage(), confined.cgroup(), confined.accounting());
        }
        PidsCgroups.clear(confined.cgroup());
        if (!confined.accounting().isEmpty()) {
            usage = UsageCgroups.read(capabilities().usage(), null, confined.accounting());
            UsageCgroups.remove(confined.accounting());
        }
        return usage;
    }

    /** At start-up: cgroups of runs of a server that died on this work directory; their processes are killed. */
    public int clearLeftovers() {
        Path base = capabilities().cgroupBase();
        if (base == null) {
            return 0;
        }
        try (Stream<Path> groups = Files.list(base)) {
            List<Path> leftovers = groups.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
            leftovers.forEach(PidsCgroups::clear);
            UsageCgroups.removeLeftovers(capabilities().usage());
            return leftovers.size();
        } catch (IOException e) {
            return 0;
        }
    }

    private List<String> bwrap(Path bwrap, Paths paths, boolean allowNetwork, ExtraSandboxPaths scriptPaths)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--unshare-all"));
        if (allowNetwork) {
            args.add("--share-net");
        }
        args.addAll(List.of("--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL"));
        args.addAll(view().arguments(paths.runDirectory(), paths.scriptHome(), environmentRoot(paths.python()),
                paths.harness().getParent(), scriptPaths));
        args.addAll(List.of("--chdir", paths.scriptHome().toString(), "--"));
        return args;
    }

    /** The host paths sandboxed runs see besides what Python needs, as the settings say (also for the script page). */
    public ExtraSandboxPaths extraPaths() {
        return ExtraSandboxPaths.parse(readOnlyPaths.orElse(null), writablePaths.orElse(null));
    }

    private SandboxView view() throws IOException {
        SandboxView found = view;
        if (found == null) {
            synchronized (this) {
                found = view;
                if (found == null) {
                    try {
                        found = new SandboxView(interpreter, workDirectory.directory("sandbox"),
                                SandboxView.serverPaths(workDirectory.root()), extraPaths());
                    } catch (IllegalArgumentException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                    view = found;
                }
            }
        }
        return found;
    }

    /** A virtualenv's python lives in {@code <env>/bin}; the base interpreter's directory is bound anyway. */
    private static Path environmentRoot(Path python) {
        Path bin = python.getParent();
        return bin.getParent() != null && Files.exists(bin.getParent().resolve("pyvenv.cfg")) ? bin.getParent() : bin;
    }

    private Capabilities capabilities() {
        Capabilities found = capabilities;
        if (found == null) {
            synchronized (this) {
                found = capabilities;
                if (found == null) {
                    found = probe();
                    capabilities = found;
                    report(found);
                }
            }
        }
        return found;
    }

    private Capabilities probe() {
        Path cgroupBase = null;
        String cgroupProblem = null;
        try {
            cgroupBase = PidsCgroups.base(workDirectory.root());
        } catch (IOException | RuntimeException e) {
            cgroupProblem = e.getMessage();
        }
        UsageCgroups.Bases usage = UsageCgroups.bases(cgroupBase);
        String setting = sandboxSetting.strip().toLowerCase(Locale.ROOT);
        if (setting.equals("off")) {
            return new Capabilities(null, cgroupBase, cgroupProblem, "the sandbox is switched off (ses.sandbox=off)",
                    usage);
        }
        Optional<Path> bwrap = BubblewrapProbe.onPath("bwrap");
        if (bwrap.isEmpty()) {
            return new Capabilities(null, cgroupBase, cgroupProblem,
                    "bubblewrap (bwrap) is not installed; install it (Debian: apt-get install bubblewrap)", usage);
        }
        String failure = BubblewrapProbe.tryBwrap(bwrap.get());
        return failure == null ? new Capabilities(bwrap.get(), cgroupBase, cgroupProblem, null, usage)
                : new Capabilities(null, cgroupBase, cgroupProblem, "bubblewrap does not work here: " + failure, usage);
    }

    private void report(Capabilities found) {
        if (found.bwrap() != null) {
            LOG.info(() -> "Runs execute in the bubblewrap sandbox (" + found.bwrap() + ").");
        } else {
            LOG.warning(() -> "Runs are NOT sandboxed: " + found.sandboxProblem()
                    + ". They can read what the server's user can read and use the network.");
        }
        if (found.cgroupBase() != null) {
            LOG.info(() -> "Runs are limited to " + maxProcesses + " processes each by the pids cgroup "
                    + found.cgroupBase() + ".");
        } else {
            LOG.warning(() -> "No pids cgroup for runs (" + found.cgroupProblem() + "); the process limit falls back"
                    + " to RLIMIT_NPROC, which does not bind a server running as root.");
        }
    }

}
