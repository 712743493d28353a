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
    RECOVERY,
    /** An OVERDUE incident opened: no success for longer than the script expects. */
    OVERDUE,
    /** A LATE incident opened: an occurrence did not start in time. */
    LATE,
    /** A SLOW incident opened: a run goes on longer than it should. */
    SLOW,
    /** An incident (overdue, late, slow) was resolved. */
    RESOLVED;

    /** What a webhook hears about when nobody chose: the runs' own ends. */
    public static final java.util.List<WebhookEvent> DEFAULT = java.util.List.of(FAILURE, TIMEOUT, RECOVERY);

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

    /** Event names as people write them ("failure", "overdue"); none: {@link #DEFAULT}. */
    public static java.util.List<WebhookEvent> parse(java.util.List<String> names) {
        if (names == null || names.isEmpty()) {
            return DEFAULT;
        }
        try {
            return names.stream().map(name -> valueOf(name.strip().toUpperCase(java.util.Locale.ROOT))).distinct()
                    .toList();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw dev.scriptexecuter.infrastructure.RequestRejected.invalid("\"events\" are failure, timeout, recovery"
                    + " (a run's end) and overdue, late, slow, resolved (incidents); " + names + " has another.")
                    .with("field", "events");
        }
    }
}
