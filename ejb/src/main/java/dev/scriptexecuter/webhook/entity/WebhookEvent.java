package dev.scriptexecuter.webhook.entity;

import dev.scriptexecuter.execution.entity.RunOutcome;

import java.util.Optional;

/** What a webhook hears about. */
public enum WebhookEvent {
    /** A run ended FAILED, ENVIRONMENT_FAILED, INTERRUPTED, REJECTED or DISK_LIMIT. */
    FAILURE,
    /** A run ended TIMED_OUT. */
    TIMEOUT,
    /** A run SUCCEEDED after the script's previous run had failed or timed out. */
    RECOVERY;

    /** The event a run's end is, given the outcome of the script's run before it (null: none). */
    public static Optional<WebhookEvent> of(RunOutcome outcome, RunOutcome previous) {
        return switch (outcome) {
            case FAILED, ENVIRONMENT_FAILED, INTERRUPTED, REJECTED, DISK_LIMIT -> Optional.of(FAILURE);
            case TIMED_OUT -> Optional.of(TIMEOUT);
            case SUCCEEDED -> previous != null && of(previous, null).isPresent() ? Optional.of(RECOVERY)
                    : Optional.empty();
            default -> Optional.empty();
        };
    }
}
