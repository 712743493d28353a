package dev.scriptexecuter.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory where the server keeps its files: the extracted Python
 * helpers, one folder per run while it runs, one working folder per script.
 * Defaults to a folder inside the Payara instance root (so {@code --rootDir}
 * keeps it) or WildFly's data directory, else to the temp directory.
 */
@ApplicationScoped
public class WorkDirectory {

    @Inject
    @ConfigProperty(name = "ses.work-dir")
    Optional<String> configured;

    private Path root;

    public WorkDirectory() {
    }

    public WorkDirectory(Path root) {
        this.root = root;
    }

    public synchronized Path root() {
        if (root == null) {
            root = configured.map(Path::of).orElseGet(WorkDirectory::defaultRoot).toAbsolutePath();
        }
        return root;
    }

    public Path directory(String first, String... more) {
        Path directory = root().resolve(Path.of(first, more));
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the work directory " + directory, e);
        }
    }

    private static Path defaultRoot() {
        String instanceRoot = System.getProperty("com.sun.aas.instanceRoot");
        if (instanceRoot != null) {
            return Path.of(instanceRoot, "script-executer");
        }
        String wildFlyData = System.getProperty("jboss.server.data.dir");
        if (wildFlyData != null) {
            return Path.of(wildFlyData, "script-executer");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "script-executer");
    }

    /**
     * Deletes a directory and all below it (a file, if it is one), without
     * following links; what cannot be deleted now is left for a later sweep.
     */
    public static void deleteTree(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // left for a later sweep
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // as above
        }
    }
}
