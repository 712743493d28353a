package dev.scriptexecuter.execution.boundary;

import java.util.Arrays;
import java.util.List;

/**
 * A run's log as far as it goes now, and how many lines the run has printed
 * so far ({@code printed}: the number the next line it prints will carry,
 * counting from 0). The two differ when lines were left out (a log over its
 * cap, or lines not shared between nodes), so a page counts on
 * {@code printed}, never on the lines it shows.
 */
public record LogSoFar(String text, long printed) {

    public static final LogSoFar EMPTY = new LogSoFar("", 0);

    /** A stored log, which is complete: every line it holds was printed. */
    public static LogSoFar stored(String log) {
        return log == null || log.isEmpty() ? EMPTY : new LogSoFar(log, lines(log).size());
    }

    /**
     * The lines of a log: split at line breaks only, as the run printed them
     * (a carriage return inside a line, as progress bars write, stays in it),
     * without the empty line after the last break. Numbered from 1, these are
     * the line numbers of the run page and of log search.
     */
    public static List<String> lines(String log) {
        if (log == null || log.isEmpty()) {
            return List.of();
        }
        String[] lines = log.split("\n", -1);
        int count = log.endsWith("\n") ? lines.length - 1 : lines.length;
        return Arrays.asList(lines).subList(0, count);
    }

    public List<String> lines() {
        return lines(text);
    }
}
