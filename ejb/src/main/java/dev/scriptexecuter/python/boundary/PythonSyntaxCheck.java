package dev.scriptexecuter.python.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Compiles code with the real interpreter (without running it) and checks that
 * it defines the function the contract needs, such as {@code def main(data)}.
 */
@ApplicationScoped
public class PythonSyntaxCheck {

    private static final long TIMEOUT_SECONDS = 30;

    @Inject
    PythonInterpreter interpreter;

    @Inject
    PythonFiles files;

    public PythonSyntaxCheck() {
    }

    public PythonSyntaxCheck(PythonInterpreter interpreter, PythonFiles files) {
        this.interpreter = interpreter;
        this.files = files;
    }

    /**
     * What the check found: ok, or a message with the line and column when
     * known; {@code syntax} tells a compile error from a contract problem.
     */
    public record Finding(boolean ok, Integer line, Integer column, String message, boolean syntax) {
    }

    public Finding check(String code, String requiredFunction) {
        try {
            Process process = new ProcessBuilder(interpreter.executable().toString(), "-I", "-S",
                    files.syntaxCheck().toString(), requiredFunction).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(code.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The Python syntax check did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return parse(output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run the Python syntax check", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the Python syntax check", e);
        }
    }

    private static Finding parse(String output) {
        JsonObject result;
        try {
            result = dev.scriptexecuter.infrastructure.Json.parseObject(output);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The Python syntax check answered unexpectedly: " + output, e);
        }
        if (result.getBoolean("ok", false)) {
            return new Finding(true, null, null, null, false);
        }
        return new Finding(false, number(result, "line"), number(result, "column"), result.getString("message", ""),
                result.getBoolean("syntax", false));
    }

    private static Integer number(JsonObject result, String key) {
        return result.containsKey(key) && !result.isNull(key) ? result.getInt(key) : null;
    }
}
