package dev.scriptexecuter.security.control;

import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing. After {@code ses.login.free-attempts} failed
 * logins for a username (or four times as many from one address, which may be
 * a whole office behind one router), further attempts are refused for a time
 * that doubles with each failure, up to 15 minutes. Failures older than the
 * window are forgotten; a success clears the username's record. Kept per node
 * in memory, in a bounded map.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_TRACKED = 10_000;
    private static final int ADDRESS_FACTOR = 4;
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Inject
    @ConfigProperty(name = "ses.login.free-attempts", defaultValue = "5")
    int freeAttempts;

    @Inject
    Clock clock;

    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last, Instant blockedUntil) {
    }

    /** Refuses with 429 while the username or the address (null: none, as for a logged-in caller) is blocked. */
    public void checkAllowed(String username, String address) {
        Instant now = clock.instant();
        Instant until = later(blockedUntil(userKey(username), now),
                address == null ? null : blockedUntil(addressKey(address), now));
        if (until != null) {
            long seconds = Math.max(1, Duration.between(now, until).toSeconds());
            throw RequestRejected.tooManyRequests("Too many failed logins; try again in " + seconds + " s.")
                    .with("retryAfter", seconds);
        }
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.last().isBefore(now.minus(WINDOW)));
        }
        record(userKey(username), freeAttempts, now);
        if (address != null) {
            record(addressKey(address), freeAttempts * ADDRESS_FACTOR, now);
        }
    }

    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private void record(String key, int free, Instant now) {
        failures.merge(key, new Failures(1, now, null), (old, one) -> {
            int count = old.last().isBefore(now.minus(WINDOW)) ? 1 : old.count() + 1;
            Instant blocked = count >= free ? now.plus(delay(count - free)) : null;
            return new Failures(count, now, blocked);
        });
    }

    private static Duration delay(int beyondFree) {
        Duration delay = Duration.ofSeconds(2L << Math.min(beyondFree, 20));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private Instant blockedUntil(String key, Instant now) {
        Failures f = failures.get(key);
        return f == null || f.blockedUntil() == null || !f.blockedUntil().isAfter(now) ? null : f.blockedUntil();
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String userKey(String username) {
        // as accounts are found (a name with spaces around it is the same account, so the same count)
        return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }
}
