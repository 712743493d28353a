package dev.scriptexecuter.python.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The Python interpreter that runs scripts, resolved once to an absolute path.
 * A {@code python3} found on the PATH may be a shim (pyenv) that costs tens of
 * milliseconds per spawn, so the configured command is asked for its real
 * {@code sys.executable} and that is what runs.
 */
@ApplicationScoped
public class PythonInterpreter {

    private static final Logger LOG = Logger.getLogger(PythonInterpreter.class.getName());

    @Inject
    @ConfigProperty(name = "ses.python", defaultValue = "python3")
    String command;

    private volatile Path executable;
    private volatile Path basePrefix;
    private volatile Path prefix;
    private volatile List<Path> sharedLibraries = List.of();

    /** Prints what the sandbox must let the interpreter read: its prefixes and the shared objects it has loaded. */
    private static final String REPORT = """
            import sys
            print(sys.executable)
            print(sys.base_prefix)
            print(sys.prefix)
            try:
                maps = open('/proc/self/maps').read().splitlines()
            except OSError:
                maps = []
            for name in sorted({line.split()[-1] for line in maps if '.so' in line and line.split()[-1].startswith('/')}):
                print(name)
            """;

    public PythonInterpreter() {
    }

    public PythonInterpreter(String command) {
        this.command = command;
    }

    public Path executable() {
        Path resolved = executable;
        if (resolved == null) {
            resolved = resolve();
            executable = resolved;
            Path found = resolved;
            LOG.info(() -> "Python interpreter: " + found);
        }
        return resolved;
    }

    /** Where the interpreter's standard library lives ({@code sys.base_prefix}), for the sandbox to let it be read. */
    public Path basePrefix() {
        executable();
        return basePrefix;
    }

    /** {@code sys.prefix}: a virtualenv's directory when ses.python names one, else the base prefix. */
    public Path prefix() {
        executable();
        return prefix;
    }

    /** The shared objects the interpreter loads as it starts (libpython, the C library), for the sandbox. */
    public List<Path> sharedLibraries() {
        executable();
        return sharedLibraries;
    }

    private Path resolve() {
        try {
            Process process = new ProcessBuilder(command, "-I", "-c", REPORT).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String[] lines = output.split("\\R");
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || lines.length < 3) {
                throw new IllegalStateException("'" + command + "' did not report its executable: " + output);
            }
            basePrefix = Path.of(lines[1].strip());
            prefix = Path.of(lines[2].strip());
            sharedLibraries = Arrays.stream(lines).skip(3).map(line -> Path.of(line.strip())).toList();
            Path path = Path.of(lines[0].strip());
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("'" + command + "' reported " + path + ", which is not executable");
            }
            return path;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Python with '" + command
                    + "'. Install Python 3 or set ses.python to its path.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while resolving the Python interpreter", e);
        }
    }
}
