package dev.scriptexecuter.incident.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * How long a script's runs usually take, from its last successful ones: the
 * 95th percentile (nearest rank) of their durations, once there are enough
 * of them to say.
 */
public final class UsualDuration {

    private UsualDuration() {
    }

    /** The p95 of {@code durations}; empty with fewer than {@code enough} of them. */
    public static Optional<Duration> p95(List<Duration> durations, int enough) {
        if (durations.isEmpty() || durations.size() < enough) {
            return Optional.empty();
        }
        List<Duration> sorted = new ArrayList<>(durations);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(0.95 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }

    /**
     * Whether a run going on for {@code elapsed} is slow for a script whose runs usually take {@code usual}:
     * longer than {@code factor} times that, and longer than {@code floor} (a script of a few milliseconds
     * is not slow at a few more).
     */
    public static boolean slow(Duration elapsed, Duration usual, double factor, Duration floor) {
        return elapsed.compareTo(floor) > 0 && elapsed.toMillis() > usual.toMillis() * factor;
    }
}
