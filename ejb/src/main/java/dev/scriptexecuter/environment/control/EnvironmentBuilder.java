package dev.scriptexecuter.environment.control;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.ProcessGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds and finds virtualenvs on disk. Under the root there is one symbolic
 * link per environment id pointing at a directory in {@code builds/}; a build
 * happens in a fresh directory there (venv, then pip), and only when pip
 * succeeded is the link created or switched, by an atomic rename. So a
 * half-built environment is never reachable through its link, and a rebuild
 * never disturbs the runs that use the previous build.
 * <p>
 * pip runs isolated (no user site, no configuration files, no environment
 * variables), without a shell, in a process group of its own that is killed
 * on timeout, and with package sources from {@link Settings} only.
 */
public class EnvironmentBuilder {

    static final String READY_MARKER = ".ses-ready";
    static final String BUILDS = "builds";

    /** Where pip may fetch packages from, and how long an installation may take. */
    public record Settings(String indexUrl, List<String> extraIndexUrls, List<String> findLinks, Duration timeout,
                           long logMaxBytes) {

        public Settings {
            extraIndexUrls = List.copyOf(extraIndexUrls);
            findLinks = List.copyOf(findLinks);
        }

        /** pip's arguments for the package sources; an index URL of "none" means no index at all. */
        List<String> sourceArguments() {
            List<String> arguments = new ArrayList<>();
            if (indexUrl == null || indexUrl.isBlank() || indexUrl.strip().equalsIgnoreCase("none")) {
                arguments.add("--no-index");
            } else {
                arguments.add("--index-url");
                arguments.add(indexUrl.strip());
            }
            extraIndexUrls.forEach(url -> {
                arguments.add("--extra-index-url");
                arguments.add(url);
            });
            findLinks.forEach(location -> {
                arguments.add("--find-links");
                arguments.add(location);
            });
            return arguments;
        }
    }

    /** @param python the environment's interpreter when it succeeded; log is pip's output, capped */
    public record Build(boolean succeeded, Path python, String log, long sizeBytes, Path replaced) {
    }

    private final Path root;

    public EnvironmentBuilder(Path root) {
        this.root = root;
    }

    /** The interpreter of a built environment, resolved to its build directory; empty if there is none. */
    public Optional<Path> find(String id) {
        Path link = root.resolve(id);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            Path build = link.toRealPath();
            Path python = build.resolve("bin").resolve("python");
            return Files.exists(build.resolve(READY_MARKER)) && Files.isExecutable(python)
                    ? Optional.of(python) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Builds the environment in a new directory and, if pip succeeds, makes it
     * the one {@link #find} returns. A failed or killed build leaves nothing behind.
     */
    public Build build(String id, String requirementsText, Path basePython, Settings settings) {
        Path build;
        try {
            Files.createDirectories(root.resolve(BUILDS));
            build = root.resolve(BUILDS).resolve(id + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
            Files.createDirectory(build);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for environment " + id + " under " + root, e);
        }
        Path log = build.resolve("install.log");
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        boolean succeeded = false;
        try {
            Files.writeString(build.resolve("requirements.txt"), requirementsText, StandardCharsets.UTF_8);
            succeeded = step(List.of(basePython.toString(), "-I", "-m", "venv", build.toString()), build, log, deadline)
                    && step(pipInstall(build, settings), build, log, deadline);
            String text = readCapped(log, settings.logMaxBytes());
            if (!succeeded) {
                return new Build(false, null, text, 0, null);
            }
            Files.writeString(build.resolve(READY_MARKER), id + "\n", StandardCharsets.UTF_8);
            Path replaced = publish(id, build);
            return new Build(true, build.resolve("bin").resolve("python"), text, sizeOf(build), replaced);
        } catch (IOException e) {
            String text = Files.exists(log) ? readCapped(log, settings.logMaxBytes()) : "";
            return new Build(false, null, text + "\n[the server could not build the environment: " + e.getMessage() + "]",
                    0, null);
        } finally {
            if (!succeeded) {
                WorkDirectory.deleteTree(build);
            }
        }
    }

    private List<String> pipInstall(Path build, Settings settings) {
        List<String> command = new ArrayList<>(List.of(build.resolve("bin").resolve("python").toString(), "-I", "-m",
                "pip", "install", "--isolated", "--no-input", "--disable-pip-version-check", "--no-warn-script-location",
                "--progress-bar", "off", "--cache-dir", root.resolve("pip-cache").toString()));
        command.addAll(settings.sourceArguments());
        command.add("--requirement");
        command.add(build.resolve("requirements.txt").toString());
        return command;
    }

    /** Runs one command of the build with its output appended to the log; false if it failed or ran out of time. */
    private boolean step(List<String> command, Path build, Path log, long deadline) throws IOException {
        appendLine(log, "$ " + String.join(" ", command.stream().map(part -> part.replace(root.toString(), "…")).toList()));
        List<String> inGroup = new ArrayList<>(List.of("setsid"));
        inGroup.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(inGroup).directory(build.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        ProcessGroup.minimalEnvironment(builder, build).put("PYTHONNOUSERSITE", "1");
        Process process = builder.start();
        try {
            long left = deadline - System.nanoTime();
            if (!process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                ProcessGroup.kill(process, "an environment build");
                process.waitFor(10, TimeUnit.SECONDS);
                appendLine(log, "[the installation took longer than its time limit (setting ses.env.install-timeout)"
                        + " and was killed]");
                return false;
            }
            if (process.exitValue() != 0) {
                appendLine(log, "[exit code " + process.exitValue() + "]");
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            ProcessGroup.kill(process, "an environment build");
            Thread.currentThread().interrupt();
            appendLine(log, "[the server interrupted the installation]");
            return false;
        }
    }

    /** Points the environment's link at the new build in one atomic rename; returns the build it pointed at before. */
    private Path publish(String id, Path build) throws IOException {
        Path link = root.resolve(id);
        Path previous = null;
        if (Files.isSymbolicLink(link)) {
            previous = root.resolve(Files.readSymbolicLink(link)).normalize();
        }
        Path staged = root.resolve("." + build.getFileName() + ".link");
        Files.deleteIfExists(staged);
        Files.createSymbolicLink(staged, root.relativize(build));
        try {
            Files.move(staged, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(link + " exists and is not a link to an environment", e);
        }
        return previous;
    }

    /** Removes an environment's link and the build it points at. */
    public void remove(String id) {
        Path link = root.resolve(id);
        try {
            if (Files.isSymbolicLink(link)) {
                Path target = root.resolve(Files.readSymbolicLink(link)).normalize();
                Files.delete(link);
                WorkDirectory.deleteTree(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove environment " + id, e);
        }
    }

    /**
     * Deletes build directories that no link points at (left by a killed
     * server, or replaced by a rebuild), except those named in {@code keep}.
     */
    public List<Path> sweep(Set<String> keep) {
        Path builds = root.resolve(BUILDS);
        if (!Files.isDirectory(builds)) {
            return List.of();
        }
        Set<String> linked = new HashSet<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isSymbolicLink).forEach(link -> {
                try {
                    linked.add(Files.readSymbolicLink(link).getFileName().toString());
                } catch (IOException e) {
                    // a link that cannot be read protects nothing
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(builds)) {
            entries.filter(build -> !linked.contains(build.getFileName().toString())
                            && !keep.contains(build.getFileName().toString()))
                    .forEach(build -> {
                        WorkDirectory.deleteTree(build);
                        removed.add(build);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(p -> p.getFileName().toString().endsWith(".link") && Files.isSymbolicLink(p))
                    .forEach(WorkDirectory::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    public static long sizeOf(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static void appendLine(Path log, String line) throws IOException {
        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The log, or its head and tail with the number of bytes left out between them. */
    static String readCapped(Path log, long maxBytes) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            if (bytes.length <= maxBytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            int half = (int) (maxBytes / 2);
            return new String(bytes, 0, half, StandardCharsets.UTF_8)
                    + "\n[… " + (bytes.length - 2L * half) + " bytes of the install log left out …]\n"
                    + new String(bytes, bytes.length - half, half, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "[the install log could not be read: " + e.getMessage() + "]";
        }
    }
}
