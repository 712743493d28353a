package dev.scriptexecuter.execution.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often each trigger URL may be called, on this node: a bucket of {@code perMinute} calls per URL,
 * refilled evenly over the minute, so that bursts up to the rate pass and a steady flood above it does
 * not. A node counts its own calls (each node of a cluster takes the rate).
 */
@ApplicationScoped
public class HookRates {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one call of the hook, or says how long until the next one would be taken. */
    public Optional<Duration> take(String hookId, int perMinute, Instant now) {
        return buckets.computeIfAbsent(hookId, id -> new Bucket(perMinute, now)).take(perMinute, now);
    }

    /** A revoked or rotated hook starts afresh (a bucket per id: nothing else is kept). */
    public void forget(String hookId) {
        buckets.remove(hookId);
    }

    static final class Bucket {

        private double calls;
        private Instant filledAt;

        Bucket(int perMinute, Instant now) {
            this.calls = perMinute;
            this.filledAt = now;
        }

        synchronized Optional<Duration> take(int perMinute, Instant now) {
            double perMilli = perMinute / 60_000.0;
            long elapsed = Math.max(0, Duration.between(filledAt, now).toMillis());
            calls = Math.min(perMinute, calls + elapsed * perMilli);
            filledAt = now;
            if (calls >= 1) {
                calls -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - calls) / perMilli)));
        }
    }
}
