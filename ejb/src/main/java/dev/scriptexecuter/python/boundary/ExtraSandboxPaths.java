package dev.scriptexecuter.python.boundary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host paths an operator lets every sandboxed run see besides what
 * Python needs ({@code ses.sandbox.read-only-paths},
 * {@code ses.sandbox.writable-paths}): data a script legitimately reads,
 * a share it writes results to. Kept apart from {@code SandboxView} so the
 * script page can show them without building a sandbox.
 */
public record ExtraSandboxPaths(List<Path> readOnly, List<Path> writable) {

    /** No path besides what Python needs. */
    public static final ExtraSandboxPaths NONE = new ExtraSandboxPaths(List.of(), List.of());

    public ExtraSandboxPaths {
        readOnly = List.copyOf(readOnly);
        writable = List.copyOf(writable);
    }

    /** Comma-separated absolute paths, as the settings hold them. */
    public static ExtraSandboxPaths parse(String readOnly, String writable) {
        return new ExtraSandboxPaths(paths(readOnly, "ses.sandbox.read-only-paths"),
                paths(writable, "ses.sandbox.writable-paths"));
    }

    /** A script's own paths, as its policy holds them (already checked); null lists are empty. */
    public static ExtraSandboxPaths of(List<String> readOnly, List<String> writable) {
        return new ExtraSandboxPaths(absolute(readOnly), absolute(writable));
    }

    private static List<Path> absolute(List<String> paths) {
        return paths == null ? List.of() : paths.stream().map(Path::of).map(Path::normalize).toList();
    }

    /** For the script page: each path and whether runs may write it. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        readOnly.forEach(path -> parts.add(path + " (read-only)"));
        writable.forEach(path -> parts.add(path + " (writable)"));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static List<Path> paths(String text, String setting) {
        List<Path> paths = new ArrayList<>();
        for (String part : text == null ? new String[0] : text.split(",")) {
            if (!part.isBlank()) {
                Path path = Path.of(part.strip());
                if (!path.isAbsolute()) {
                    throw new IllegalArgumentException(setting + " takes absolute paths, not " + part.strip());
                }
                paths.add(path.normalize());
            }
        }
        return paths;
    }
}
