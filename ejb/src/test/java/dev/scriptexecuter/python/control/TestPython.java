package dev.scriptexecuter.python.control;

import dev.scriptexecuter.infrastructure.WorkDirectory;

import java.nio.file.Path;

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
}
