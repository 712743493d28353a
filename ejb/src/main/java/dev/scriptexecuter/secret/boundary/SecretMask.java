package dev.scriptexecuter.secret.boundary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces the values of a run's secrets with {@code ***} in what the run
 * prints: each value whole, and each of its lines for values of several
 * lines (output is captured line by line). Longer values first, so a secret
 * that contains another is masked whole.
 */
public final class SecretMask {

    public static final String MASK = "***";
    /** Secrets are at least this long, so masking them cannot garble ordinary output. */
    public static final int MIN_LENGTH = 4;

    private static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> values;

    private SecretMask(List<String> values) {
        this.values = values;
    }

    public static SecretMask none() {
        return NONE;
    }

    public static SecretMask of(List<String> secrets) {
        Set<String> values = new LinkedHashSet<>();
        for (String secret : secrets) {
            values.add(secret);
            secret.lines().map(String::strip).filter(line -> line.length() >= MIN_LENGTH).forEach(values::add);
        }
        List<String> sorted = new ArrayList<>(values.stream().filter(value -> value.length() >= MIN_LENGTH).toList());
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted.isEmpty() ? NONE : new SecretMask(List.copyOf(sorted));
    }

    public String apply(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String value : values) {
            masked = masked.replace(value, MASK);
        }
        return masked;
    }
}
