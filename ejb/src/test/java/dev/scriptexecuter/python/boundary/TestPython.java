package dev.scriptexecuter.python.boundary;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.control.RunConfinement;
import dev.scriptexecuter.python.control.WarmWorkers;

import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;

/** The real Python helpers, extracted into a test's own work directory. */
public final class TestPython {

    private static final PythonInterpreter INTERPRETER = new PythonInterpreter(System.getProperty("ses.python", "python3"));

    private TestPython() {
    }

    public static PythonInterpreter interpreter() {
        return INTERPRETER;
    }

    public static PythonFiles files(Path workDirectory) {
        return new PythonFiles(new WorkDirectory(workDirectory));
    }

    public static PythonSyntaxCheck syntaxCheck(Path workDirectory) {
        return new PythonSyntaxCheck(INTERPRETER, files(workDirectory));
    }

    /** The launcher as the container wires it, on these parts, in a test's work directory. */
    public static HarnessLauncher launcher(Path workDirectory, RunConfinement confinement, WarmWorkers workers,
                                           ThreadFactory threads) {
        HarnessLauncher launcher = new HarnessLauncher();
        launcher.confinement = confinement;
        launcher.workers = workers;
        launcher.files = files(workDirectory);
        launcher.workDirectory = new WorkDirectory(workDirectory);
        launcher.threads = threads;
        return launcher;
    }
}
