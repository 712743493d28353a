package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.entity.RunOutcome;

/**
 * How a run ended. {@code dataToSave} is the script's new data, or null when
 * the outcome keeps the previous data (failures, stops, timeouts).
 */
public record RunResult(RunOutcome outcome, Integer exitCode, String error, String log, String dataToSave) {

    public RunResult withError(String error) {
        return new RunResult(outcome, exitCode, error, log, dataToSave);
    }

    public static RunResult failed(String error, String log) {
        return new RunResult(RunOutcome.FAILED, null, error, log, null);
    }
}
