package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.python.boundary.ResourceUsage;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Decides how a run ended from what is known when its process is gone: the
 * harness's {@code output.json}, the exit code, and whether somebody stopped
 * it or its time ran out. A harness that reported and exited by itself wins
 * over a stop that came too late to matter.
 */
final class RunReport {

    /** Room for the outcome and error next to the data in output.json. */
    private static final long REPORT_OVERHEAD = 64 * 1024;
    /** ses.run.max-result-bytes' default. */
    static final long MAX_RESULT_BYTES = 256 * 1024;

    private RunReport() {
    }

    /** @param ownTimeout whether the timeout is the script's own rather than the server's default */
    static RunResult interpret(LiveRun live, int exitCode, Path directory, long maxDataBytes, Duration timeout,
                               boolean ownTimeout) {
        return interpret(live, exitCode, directory, maxDataBytes, MAX_RESULT_BYTES, timeout, ownTimeout);
    }

    /** @param maxResultBytes the largest result (the value main returned) that is stored */
    static RunResult interpret(LiveRun live, int exitCode, Path directory, long maxDataBytes, long maxResultBytes,
                               Duration timeout, boolean ownTimeout) {
        String log = live.log().text();
        Path output = directory.resolve("output.json");
        boolean exitedByItself = exitCode == 0 || exitCode == 1;
        if (exitedByItself && Files.isRegularFile(output)) {
            return reported(output, exitCode, log, maxDataBytes, maxResultBytes);
        }
        if (live.interruptedBecause() != null) {
            return new RunResult(RunOutcome.INTERRUPTED, exitCode, live.interruptedBecause(), log, null);
        }
        if (live.stopRequested()) {
            return new RunResult(RunOutcome.STOPPED, exitCode, "Stopped on request.", log, null);
        }
        if (live.timedOut()) {
            return new RunResult(RunOutcome.TIMED_OUT, exitCode, "The run took longer than " + timeout
                    + (ownTimeout ? " (the script's timeout)" : " (setting ses.run.timeout)") + " and was killed.",
                    log, null);
        }
        return new RunResult(RunOutcome.FAILED, exitCode,
                "The Python process ended with exit code " + exitCode + " without reporting a result.", log, null);
    }

    private static RunResult reported(Path output, int exitCode, String log, long maxDataBytes, long maxResultBytes) {
        String tooLarge = "The data left by the run is larger than " + maxDataBytes
                + " bytes (setting ses.script.max-data-bytes); the previous data is kept.";
        JsonObject report;
        try {
            if (Files.size(output) > maxDataBytes + maxResultBytes + REPORT_OVERHEAD) {
                return new RunResult(RunOutcome.FAILED, exitCode, tooLarge, log, null);
            }
            report = Json.parseObject(Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return new RunResult(RunOutcome.FAILED, exitCode, "The harness's report could not be read: "
                    + e.getMessage(), log, null);
        }
        RunOutcome outcome = RunOutcome.valueOf(report.getString("outcome", "FAILED"));
        String error = report.get("error") instanceof JsonString text ? text.getString() : null;
        boolean keepsData = outcome == RunOutcome.SUCCEEDED || outcome == RunOutcome.SKIPPED;
        String data = keepsData && report.get("data") instanceof JsonObject d ? d.toString() : null;
        if (data != null && data.getBytes(StandardCharsets.UTF_8).length > maxDataBytes) {
            return new RunResult(RunOutcome.FAILED, exitCode, tooLarge, log, null);
        }
        JsonValue returned = report.get("result");
        String result = returned == null || returned.getValueType() == JsonValue.ValueType.NULL ? null
                : returned.toString();
        long resultBytes = result == null ? 0 : result.getBytes(StandardCharsets.UTF_8).length;
        if (resultBytes > maxResultBytes) {
            // the run did its work: it keeps its outcome, and its log says why it has no result
            log = log + "[the value main returned is " + resultBytes
                    + " bytes of JSON, more than " + maxResultBytes + " (setting ses.run.max-result-bytes):"
                    + " it is not stored as the run's result]\n";
            result = null;
        }
        return new RunResult(outcome, exitCode, error, log, data, ResourceUsage.fromReport(report.get("usage")), null,
                result);
    }
}
