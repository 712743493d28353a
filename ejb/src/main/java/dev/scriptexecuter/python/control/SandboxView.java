package dev.scriptexecuter.python.control;

import dev.scriptexecuter.python.boundary.ExtraSandboxPaths;
import dev.scriptexecuter.python.boundary.PythonInterpreter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What a sandboxed run sees of the host's file system: nothing unless a
 * Python run needs it. bubblewrap starts from an empty root; this names what
 * is put into it, read-only: the system's programs and libraries ({@code /usr}
 * and the {@code /bin}, {@code /lib*} links or directories), the few files of
 * {@code /etc} that name resolution, TLS, time zones and locales read, account
 * files naming only the sandbox's user, the interpreter's own prefix and
 * shared libraries, the script's environment, the harness and the operator's
 * extra read-only paths; a private {@code /dev}, {@code /proc} and {@code /tmp};
 * writable only the run's directory, the script's home and the operator's
 * extra writable paths. Everything else of the host is absent, and the
 * server's own directories that lie inside a bound one (its JDK under
 * {@code /usr/lib/jvm}) are covered by an empty directory.
 */
public class SandboxView {

    /** Top-level entries of the host that hold programs and libraries (symbolic links on merged-/usr systems). */
    static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /** The files of /etc a run reads: resolving names, TLS certificates, time zones, locales, MIME types. */
    public static final List<String> ETC = List.of("hosts", "resolv.conf", "nsswitch.conf", "host.conf", "gai.conf",
            "services", "protocols", "localtime", "timezone", "locale.alias", "locale.conf", "default/locale",
            "mime.types", "ld.so.cache", "ssl/certs", "ssl/cert.pem", "ssl/openssl.cnf", "pki/tls/certs",
            "pki/ca-trust/extracted");

    private static final String PASSWD = "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
    private static final String GROUP = "nogroup:x:65534:\n";

    private static final Logger LOG = Logger.getLogger(SandboxView.class.getName());

    private final List<String> fixed;
    private final ExtraSandboxPaths extra;

    /** {@code serverPaths}: the server's own directories, hidden where they lie inside what runs see. */
    public SandboxView(PythonInterpreter interpreter, Path accounts, List<Path> serverPaths, ExtraSandboxPaths extra)
            throws IOException {
        this.extra = extra;
        List<String> args = new ArrayList<>(system());
        args.addAll(accounts(accounts));
        List<Path> masks = outermost(serverPaths.stream().map(Path::normalize)
                .filter(path -> Files.isDirectory(path) && inSystem(path) && !SYSTEM.contains(path.toString())));
        masks.forEach(mask -> args.addAll(List.of("--tmpfs", mask.toString())));
        for (Path path : interpreterPaths(interpreter, masks)) {
            args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
        }
        this.fixed = List.copyOf(args);
        Stream.concat(extra.readOnly().stream(), extra.writable().stream()).filter(path -> !Files.exists(path))
                .forEach(path -> LOG.warning(() -> path + " is not there: runs do not see it (ses.sandbox.*-paths)"));
    }

    /** The server's own directories: its work directory, home, current directory, instance root and JDK. */
    static List<Path> serverPaths(Path workDirectory) {
        List<Path> paths = new ArrayList<>(List.of(Path.of("/usr/lib/jvm"), workDirectory.toAbsolutePath()));
        for (String property : List.of("user.home", "user.dir", "com.sun.aas.instanceRoot", "jboss.server.base.dir",
                "java.home")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                paths.add(Path.of(value).toAbsolutePath());
            }
        }
        return paths;
    }

    /**
     * Everything the sandbox of one run shows, as bubblewrap's arguments (before {@code --chdir});
     * {@code scriptPaths} are the script's own extra paths, which an admin set, beside the operator's.
     */
    public List<String> arguments(Path runDirectory, Path scriptHome, Path environment, Path harness,
                                  ExtraSandboxPaths scriptPaths) {
        List<String> args = new ArrayList<>(fixed);
        for (Path path : List.of(environment, harness)) {
            args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
        }
        for (ExtraSandboxPaths added : List.of(extra, scriptPaths)) {
            added.readOnly().forEach(path -> args.addAll(List.of("--ro-bind-try", path.toString(), path.toString())));
            added.writable().forEach(path -> args.addAll(List.of("--bind-try", path.toString(), path.toString())));
        }
        args.addAll(List.of("--bind", runDirectory.toString(), runDirectory.toString(),
                "--bind", scriptHome.toString(), scriptHome.toString(), "--remount-ro", "/"));
        return args;
    }

    /**
     * The part that depends on nothing but the host: the system's programs
     * and libraries, the allowed files of /etc, and a private /dev, /proc and
     * /tmp (also what the start-up probe runs in).
     */
    static List<String> system() {
        List<String> args = new ArrayList<>();
        for (String entry : SYSTEM) {
            args.addAll(readOnly(Path.of(entry)));
        }
        for (String entry : ETC) {
            args.addAll(readOnly(Path.of("/etc").resolve(entry)));
        }
        args.addAll(List.of("--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        return args;
    }

    /** A path as the host has it: a link to a place that is bound stays a link; else its target, read-only. */
    private static List<String> readOnly(Path path) {
        if (!Files.exists(path)) {
            return List.of();
        }
        try {
            if (Files.isSymbolicLink(path) && inSystem(path.toRealPath())) {
                return List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString());
            }
            return List.of("--ro-bind", path.toRealPath().toString(), path.toString());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether a path is among or below the system's directories that every run sees. */
    private static boolean inSystem(Path path) {
        return SYSTEM.stream().anyMatch(path::startsWith);
    }

    /** /etc/passwd and /etc/group naming only the sandbox's user, so that Python can ask who it is. */
    private static List<String> accounts(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path passwd = Files.writeString(directory.resolve("passwd"), PASSWD, StandardCharsets.UTF_8);
        Path group = Files.writeString(directory.resolve("group"), GROUP, StandardCharsets.UTF_8);
        return List.of("--ro-bind", passwd.toString(), "/etc/passwd", "--ro-bind", group.toString(), "/etc/group");
    }

    /** The interpreter's prefixes and what it loads from outside what runs see anyway, outermost first. */
    private static List<Path> interpreterPaths(PythonInterpreter interpreter, List<Path> masks) throws IOException {
        List<Path> candidates = new ArrayList<>(List.of(interpreter.basePrefix(), interpreter.prefix(),
                interpreter.executable().toRealPath().getParent()));
        for (Path library : interpreter.sharedLibraries()) {
            if (Files.exists(library)) {
                candidates.add(library.toRealPath());
            }
        }
        return outermost(candidates.stream().map(Path::normalize)
                .filter(path -> !inSystem(path) || masks.stream().anyMatch(path::startsWith)));
    }

    /** The paths that lie in none of the others (a mount inside a bound one would add an empty directory). */
    private static List<Path> outermost(Stream<Path> paths) {
        List<Path> kept = new ArrayList<>();
        paths.sorted().forEach(path -> {
            if (kept.stream().noneMatch(path::startsWith)) {
                kept.add(path);
            }
        });
        return kept;
    }
}
