package dev.scriptexecuter.environment.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a failed environment waits before pip is tried again: {@code first}
 * after the first failure, twice as long after each further one in a row, never
 * longer than {@code max}. An index that is down for an hour then costs a dozen
 * builds, not one per firing of every script that needs it, and one that comes
 * back is noticed within {@code max}.
 */
public record BuildBackoff(Duration first, Duration max) {

    public BuildBackoff {
        Objects.requireNonNull(first);
        Objects.requireNonNull(max);
        if (first.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("Waits between environment builds cannot be negative.");
        }
    }

    /** The wait after the {@code failedInARow}-th failed build in a row (1 for the first). */
    public Duration after(int failedInARow) {
        Duration ceiling = max.compareTo(first) < 0 ? first : max;
        Duration wait = first;
        for (int failed = 1; failed < Math.min(failedInARow, 64) && wait.compareTo(ceiling) < 0; failed++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(ceiling) > 0 ? ceiling : wait;
    }

    /** When pip is tried again after a build that failed at {@code failedAt}, the {@code failedInARow}-th in a row. */
    public Instant nextAttempt(Instant failedAt, int failedInARow) {
        return failedAt.plus(after(failedInARow));
    }
}
