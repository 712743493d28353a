package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.python.boundary.ResourceUsage;

/**
 * How a run ended. {@code dataToSave} is the script's new data, or null when
 * the outcome keeps the previous data (failures, stops, timeouts). {@code usage}
 * is what its processes used as they report it, {@code cgroupUsage} what its
 * cgroups counted; either null where not measured. {@code resultJson} is the
 * JSON value main returned (null: none, or none that could be stored).
 */
public record RunResult(RunOutcome outcome, Integer exitCode, String error, String log, String dataToSave,
                        ResourceUsage usage, ResourceUsage cgroupUsage, String resultJson) {

    public RunResult(RunOutcome outcome, Integer exitCode, String error, String log, String dataToSave) {
        this(outcome, exitCode, error, log, dataToSave, null, null, null);
    }

    public RunResult(RunOutcome outcome, Integer exitCode, String error, String log, String dataToSave,
                     ResourceUsage usage, ResourceUsage cgroupUsage) {
        this(outcome, exitCode, error, log, dataToSave, usage, cgroupUsage, null);
    }

    public RunResult withError(String error) {
        return new RunResult(outcome, exitCode, error, log, dataToSave, usage, cgroupUsage, resultJson);
    }

    /** With the figures the harness's parent and the run's cgroups have, where they have any. */
    public RunResult measured(ResourceUsage fromParent, ResourceUsage fromCgroups) {
        return new RunResult(outcome, exitCode, error, log, dataToSave, fromParent != null ? fromParent : usage,
                fromCgroups != null ? fromCgroups : cgroupUsage, resultJson);
    }

    public static RunResult failed(String error, String log) {
        return new RunResult(RunOutcome.FAILED, null, error, log, null);
    }
}
