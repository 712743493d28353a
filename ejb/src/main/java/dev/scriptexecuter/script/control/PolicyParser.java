package dev.scriptexecuter.script.control;

import dev.scriptexecuter.infrastructure.IsoTimes;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.PolicySpec;
import dev.scriptexecuter.script.entity.MisfirePolicy;
import dev.scriptexecuter.script.entity.OverlapPolicy;
import dev.scriptexecuter.script.entity.RunMode;
import dev.scriptexecuter.script.entity.RunPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a submitted policy into a {@link RunPolicy} within the server's
 * limits; every refusal names the field.
 */
public class PolicyParser {

    static final int MAX_RETRIES = 10;
    static final int MAX_KEEP_RUNS = 1_000_000;
    static final int MAX_KEEP_DAYS = 36_500;
    static final int MAX_PATHS = 16;
    static final int MAX_PATH_LENGTH = 120;
    private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(30);
    private static final Duration SHORTEST = Duration.ofSeconds(1);
    private static final Duration LONGEST_WATCH = Duration.ofDays(366);

    private final Duration maxTimeout;

    public PolicyParser(Duration maxTimeout) {
        this.maxTimeout = maxTimeout;
    }

    /** No policy submitted keeps the current one; a submitted one is complete, its missing fields are defaults. */
    public RunPolicy parse(PolicySpec spec, RunPolicy current) {
        if (spec == null) {
            return current == null ? RunPolicy.defaults() : current;
        }
        RunPolicy base = RunPolicy.defaults();
        Duration timeout = timeout(spec.timeout());
        boolean network = spec.allowNetwork() == null ? base.allowNetwork() : spec.allowNetwork();
        OverlapPolicy overlap = spec.overlap() == null ? base.overlap() : choice(OverlapPolicy.class, "overlap", spec.overlap());
        MisfirePolicy misfire = spec.misfire() == null ? base.misfire() : choice(MisfirePolicy.class, "misfire", spec.misfire());
        int retries = spec.retries() == null ? base.retries() : spec.retries();
        if (retries < 0 || retries > MAX_RETRIES) {
            throw invalid("policy.retries", "\"retries\" must be between 0 and " + MAX_RETRIES + "; it is " + retries + ".");
        }
        Duration backoff = spec.retryBackoff() == null ? base.retryBackoff() : duration("policy.retryBackoff",
                "retryBackoff", spec.retryBackoff(), Duration.ofHours(24));
        if (retries > 0 && backoff == null) {
            backoff = DEFAULT_BACKOFF;
        }
        RunMode mode = spec.runMode() == null || spec.runMode().strip().equalsIgnoreCase("default") ? null
                : choice(RunMode.class, "runMode", spec.runMode());
        RunPolicy kept = current == null ? base : current;
        return new RunPolicy(timeout, network, overlap, misfire, retries, retries == 0 ? null : backoff, mode)
                .withRetention(bounded("keepRuns", spec.keepRuns(), MAX_KEEP_RUNS),
                        bounded("keepDays", spec.keepDays(), MAX_KEEP_DAYS))
                .withSandboxPaths(paths("readOnlyPaths", spec.readOnlyPaths(), kept.readOnlyPaths()),
                        paths("writablePaths", spec.writablePaths(), kept.writablePaths()))
                .withWatch(watch("warnAfter", spec.warnAfter()), watch("overdueAfter", spec.overdueAfter()));
    }

    /**
     * A script's own sandbox paths: absolute, written as meant ({@code /data/in}, not {@code /data/./in/}),
     * not the root, at most {@value #MAX_PATHS} of up to {@value #MAX_PATH_LENGTH} characters;
     * left out, the current ones.
     */
    static List<String> paths(String name, List<String> paths, List<String> current) {
        if (paths == null) {
            return current;
        }
        String field = "policy." + name;
        if (paths.size() > MAX_PATHS) {
            throw invalid(field, "\"" + name + "\" holds at most " + MAX_PATHS + " paths; it has " + paths.size() + ".");
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            String text = paths.get(i);
            if (text == null || text.isBlank() || text.length() > MAX_PATH_LENGTH || !text.startsWith("/")
                    || text.chars().anyMatch(c -> c < 0x20) || !Path.of(text).normalize().toString().equals(text)
                    || text.equals("/")) {
                throw invalid(field + "[" + i + "]", "Each of \"" + name + "\" is an absolute host path below /,"
                        + " written as meant (no ., .. or trailing /) in up to " + MAX_PATH_LENGTH
                        + " characters; \"" + text + "\" is not one.");
            }
            if (!checked.contains(text)) {
                checked.add(text);
            }
        }
        return checked;
    }

    private static Integer bounded(String name, Integer value, int max) {
        if (value != null && (value < 0 || value > max)) {
            throw invalid("policy." + name, "\"" + name + "\" must be between 0 (no limit) and " + max
                    + ", or null for the server's default; it is " + value + ".");
        }
        return value;
    }

    /** A duration that makes incidents: 1 second to 366 days, or null (blank) for none. */
    private static Duration watch(String name, String text) {
        return text == null || text.isBlank() ? null : duration("policy." + name, name, text, LONGEST_WATCH);
    }

    private Duration timeout(String text) {
        return text == null || text.isBlank() ? null : duration("policy.timeout", "timeout", text, maxTimeout);
    }

    private static Duration duration(String field, String name, String text, Duration longest) {
        Duration value = IsoTimes.duration(text.strip()).orElseThrow(() -> invalid(field, "\"" + name
                + "\" must be a duration such as \"PT2M\" or \"90s\"; \"" + text + "\" is not one."));
        if (value.compareTo(SHORTEST) < 0 || value.compareTo(longest) > 0) {
            throw invalid(field, "\"" + name + "\" must be between 1 second and " + longest
                    + (name.equals("timeout") ? " (setting ses.run.max-timeout)" : "") + "; it is " + value + ".");
        }
        return value.withNanos(0);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String name, String text) {
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(wanted)) {
                return value;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(PolicySpec::name).collect(Collectors.joining(", "));
        throw invalid("policy." + name, "\"" + name + "\" must be one of " + allowed + "; it is \"" + text + "\".");
    }

    private static RequestRejected invalid(String field, String detail) {
        return RequestRejected.invalid(detail).with("field", field);
    }
}
