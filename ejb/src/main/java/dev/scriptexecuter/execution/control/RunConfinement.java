package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.control.PythonInterpreter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What keeps a run from hurting the server: an address-space limit
 * (RLIMIT_AS, through {@code prlimit}), a process-count limit (a pids cgroup
 * when the server may create one, else RLIMIT_NPROC), and, where bubblewrap
 * works, a sandbox: of the host's files only what {@link SandboxView} names
 * (what Python needs, read-only; the run's directory and the script's home
 * writable), no network unless the script may have it, an unprivileged user
 * and no capabilities.
 */
@ApplicationScoped
public class RunConfinement {

    private static final Logger LOG = Logger.getLogger(RunConfinement.class.getName());
    private static final String CGROUP_V1_PIDS = "/sys/fs/cgroup/pids";
    private static final String CGROUP_V2 = "/sys/fs/cgroup";

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

    /** Null in unit tests that set no disk limits. */
    @Inject
    DiskLimits disks;

    private volatile Capabilities capabilities;
    private volatile SandboxView view;

    /** What this machine offers, found out once. */
    record Capabilities(Path bwrap, Path cgroupBase, String cgroupProblem, String sandboxProblem) {
    }

    /** The paths one run needs. */
    public record Paths(Path runDirectory, Path scriptHome, Path python, Path harness) {
    }

    /** A run's command line inside its limits, and the cgroup to clear when it is over (null if none). */
    public record Confined(List<String> command, Path cgroup) {
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

    public Confined confine(String runId, Paths paths, boolean allowNetwork, ExtraSandboxPaths scriptPaths)
            throws IOException {
        return confined("run-" + runId, maxProcesses, true, paths, allowNetwork, scriptPaths,
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
    public Confined confineWorker(String workerId, Paths paths, boolean allowNetwork, ExtraSandboxPaths scriptPaths,
                                  Path worker, List<String> preload) throws IOException {
        List<String> program = new ArrayList<>(List.of(paths.python().toString(), "-u", "-I", worker.toString(),
                paths.harness().toString()));
        if (sandboxed()) {
            program.add("--sweep");
        }
        program.addAll(preload);
        return confined("run-" + workerId, maxProcesses + WORKER_OWN_PROCESSES, false, paths, allowNetwork,
                scriptPaths, program);
    }

    /**
     * {@code program} in its own process group, under the address-space limit,
     * in the sandbox where there is one, and in a pids cgroup of {@code pidsMax}
     * where the server may make one (else, with {@code nprocWithoutCgroup},
     * under RLIMIT_NPROC).
     */
    private Confined confined(String cgroupName, long pidsMax, boolean nprocWithoutCgroup, Paths paths,
                              boolean allowNetwork, ExtraSandboxPaths scriptPaths, List<String> program)
            throws IOException {
        Capabilities found = capabilities();
        if (found.bwrap() == null && "on".equalsIgnoreCase(sandboxSetting.strip())) {
            throw new IOException("ses.sandbox=on, but the sandbox cannot be used: " + found.sandboxProblem());
        }
        List<String> command = new ArrayList<>();
        Path cgroup = null;
        if (found.cgroupBase() != null) {
            cgroup = found.cgroupBase().resolve(cgroupName);
            Files.createDirectories(cgroup);
            Files.writeString(cgroup.resolve("pids.max"), String.valueOf(pidsMax));
            // the shell moves itself into the cgroup, then becomes the run (exec): all it starts stays inside
            command.addAll(List.of("sh", "-c", "echo $$ > \"$0\"/cgroup.procs && exec \"$@\"", cgroup.toString()));
        }
        command.add("setsid");
        command.addAll(prlimit(nprocWithoutCgroup && found.cgroupBase() == null));
        if (found.bwrap() != null) {
            command.addAll(bwrap(found.bwrap(), paths, allowNetwork, scriptPaths));
        }
        command.addAll(program);
        return new Confined(command, cgroup);
    }

    /** The processes in a cgroup (host process ids); empty without one. */
    static List<Long> processesIn(Path cgroup) {
        if (cgroup == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(line -> !line.isBlank())
                    .map(line -> Long.parseLong(line.strip())).toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /** RLIMIT_NPROC for a run forked by a warm worker, as {@link #confine} gives a spawned one; 0 for none. */
    public long processLimit() {
        return capabilities().cgroupBase() == null ? userTasks() + maxProcesses : 0;
    }

    /** Kills whatever is still alive in the run's cgroup (also what left its process group) and removes it. */
    public void release(Confined confined) {
        if (confined.cgroup() != null) {
            clear(confined.cgroup());
        }
    }

    /** At start-up: cgroups of runs of a server that died on this work directory; their processes are killed. */
    public int clearLeftovers() {
        Path base = capabilities().cgroupBase();
        if (base == null) {
            return 0;
        }
        try (Stream<Path> groups = Files.list(base)) {
            List<Path> leftovers = groups.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
            leftovers.forEach(RunConfinement::clear);
            return leftovers.size();
        } catch (IOException e) {
            return 0;
        }
    }

    private List<String> prlimit(boolean alsoProcesses) {
        List<String> command = new ArrayList<>(List.of("prlimit", "--core=0"));
        long bytes = bytes(memoryLimit);
        if (bytes > 0) {
            command.add("--as=" + bytes);
        }
        long largestFile = disks == null ? 0 : disks.largestFile();
        if (largestFile > 0) {
            // a single write of gigabytes stops at once (Python gets EFBIG); totals are watched by DiskLimits
            command.add("--fsize=" + largestFile);
        }
        if (alsoProcesses) {
            // RLIMIT_NPROC counts every task of the user, the server's own threads and other runs included:
            // allow what there is now plus the run's own share.
            command.add("--nproc=" + (userTasks() + maxProcesses));
        }
        command.add("--");
        return command;
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
            cgroupBase = cgroupBase();
        } catch (IOException | RuntimeException e) {
            cgroupProblem = e.getMessage();
        }
        String setting = sandboxSetting.strip().toLowerCase(Locale.ROOT);
        if (setting.equals("off")) {
            return new Capabilities(null, cgroupBase, cgroupProblem, "the sandbox is switched off (ses.sandbox=off)");
        }
        Optional<Path> bwrap = onPath("bwrap");
        if (bwrap.isEmpty()) {
            return new Capabilities(null, cgroupBase, cgroupProblem,
                    "bubblewrap (bwrap) is not installed; install it (Debian: apt-get install bubblewrap)");
        }
        String failure = tryBwrap(bwrap.get());
        return failure == null ? new Capabilities(bwrap.get(), cgroupBase, cgroupProblem, null)
                : new Capabilities(null, cgroupBase, cgroupProblem, "bubblewrap does not work here: " + failure);
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

    /** Tasks (processes and threads) of the user this server runs as, counted in /proc; 0 where that fails. */
    static long userTasks() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            String uid = realUid(Path.of("/proc/self/status"));
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> {
                        try {
                            List<String> status = Files.readAllLines(p.resolve("status"));
                            return uid.equals(realUid(status)) ? threads(status) : 0;
                        } catch (IOException | RuntimeException e) {
                            return 0; // gone meanwhile
                        }
                    }).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String realUid(Path status) throws IOException {
        return realUid(Files.readAllLines(status));
    }

    private static String realUid(List<String> status) {
        return status.stream().filter(line -> line.startsWith("Uid:")).findFirst()
                .map(line -> line.substring(4).trim().split("\\s+")[0]).orElseThrow();
    }

    private static long threads(List<String> status) {
        return status.stream().filter(line -> line.startsWith("Threads:")).findFirst()
                .map(line -> Long.parseLong(line.substring(8).trim())).orElse(1L);
    }

    /** Our own pids cgroup (v1, or v2 where the pids controller can be used below ours) for this work directory. */
    private Path cgroupBase() throws IOException {
        String name = "script-executer-" + shortHash(workDirectory.root().toAbsolutePath().toString());
        Path v1 = Path.of(CGROUP_V1_PIDS);
        if (Files.isDirectory(v1) && Files.isWritable(v1)) {
            return usable(v1.resolve(ownCgroup("pids")).resolve(name));
        }
        Path v2 = Path.of(CGROUP_V2);
        if (Files.exists(v2.resolve("cgroup.controllers"))
                && Files.readString(v2.resolve("cgroup.controllers")).contains("pids")) {
            Path own = v2.resolve(ownCgroup(""));
            if (Files.isWritable(own)) {
                Path base = usable(own.resolve(name));
                Files.writeString(base.resolve("cgroup.subtree_control"), "+pids");
                return base;
            }
        }
        throw new IOException("no writable pids cgroup (needs root or a delegated cgroup)");
    }

    private static Path usable(Path base) throws IOException {
        Files.createDirectories(base);
        if (!Files.exists(base.resolve("cgroup.procs"))) {
            throw new IOException(base + " is not a cgroup");
        }
        return base;
    }

    /** This process's cgroup path in the hierarchy with the given controller ("" for v2). */
    private static String ownCgroup(String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && (controller.isEmpty() ? parts[0].equals("0")
                    : List.of(parts[1].split(",")).contains(controller))) {
                return parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
            }
        }
        return "";
    }

    private static void clear(Path cgroup) {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<String> pids;
            try {
                pids = Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(p -> !p.isBlank()).toList();
            } catch (IOException e) {
                return;
            }
            if (pids.isEmpty()) {
                break;
            }
            pids.forEach(pid -> ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            Files.deleteIfExists(cgroup);
        } catch (IOException e) {
            LOG.fine(() -> "cgroup " + cgroup + " could not be removed yet: " + e.getMessage());
        }
    }

    private static String tryBwrap(Path bwrap) {
        try {
            List<String> command = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--unshare-all",
                    "--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL"));
            command.addAll(SandboxView.system());
            command.addAll(List.of("--remount-ro", "/", "true"));
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return "it did not finish within 10 s";
            }
            return probe.exitValue() == 0 ? null : output.isEmpty() ? "exit code " + probe.exitValue() : output;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/bin", "/bin"))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }

    /** "2g", "512m", "64k" or a number of bytes; "none" or 0 for no limit. */
    static long bytes(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("none")) {
            return 0;
        }
        long factor = switch (value.charAt(value.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = factor == 1 ? value : value.substring(0, value.length() - 1);
        try {
            return Long.parseLong(digits.strip()) * factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ses.run.memory-limit must be like 2g, 512m or a number of bytes: " + text);
        }
    }

    private static String shortHash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
