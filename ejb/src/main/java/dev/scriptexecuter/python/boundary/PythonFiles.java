package dev.scriptexecuter.python.boundary;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Python helpers shipped in this jar (the run harness, the syntax check),
 * extracted once into the work directory so the interpreter can open them.
 */
@ApplicationScoped
public class PythonFiles {

    public static final String HARNESS = "harness.py";
    public static final String SYNTAX_CHECK = "syntax_check.py";
    public static final String WORKER = "worker.py";

    @Inject
    WorkDirectory workDirectory;

    private Path directory;

    public PythonFiles() {
    }

    public PythonFiles(WorkDirectory workDirectory) {
        this.workDirectory = workDirectory;
    }

    public Path harness() {
        return file(HARNESS);
    }

    public Path worker() {
        return file(WORKER);
    }

    public Path syntaxCheck() {
        return file(SYNTAX_CHECK);
    }

    private synchronized Path file(String name) {
        if (directory == null) {
            directory = extract();
        }
        return directory.resolve(name);
    }

    private Path extract() {
        Path target = workDirectory.directory("python");
        for (String name : new String[] {HARNESS, SYNTAX_CHECK, WORKER}) {
            try (InputStream in = PythonFiles.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("The resource " + name + " is missing from the application");
                }
                Path part = target.resolve(name + ".part");
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, target.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot extract " + name + " to " + target, e);
            }
        }
        return target;
    }
}
