package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.boundary.LogSoFar;
import dev.scriptexecuter.secret.boundary.SecretMask;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A run's log, one timestamped line at a time, never larger than its cap:
 * the first half of the cap keeps the head, the second half the newest lines,
 * and a marker in between says how many bytes were dropped.
 */
public class LogCapture {

    private final Clock clock;
    private final long headLimit;
    private final long tailLimit;
    private final StringBuilder head = new StringBuilder();
    private final Deque<String> tail = new ArrayDeque<>();
    private long headBytes;
    private long tailBytes;
    private long droppedBytes;

    public LogCapture(Clock clock, long maxBytes) {
        this(clock, maxBytes, null);
    }

    public LogCapture(Clock clock, long maxBytes, LineListener listener) {
        this.listener = listener;
        this.clock = clock;
        this.headLimit = maxBytes / 2;
        this.tailLimit = maxBytes - headLimit;
    }

    /** Told of every line as it is captured, with its index; may be null. */
    private final LineListener listener;
    private long lines;

    /** Hears each captured line, numbered from 0. */
    @FunctionalInterface
    public interface LineListener {
        void line(long index, String stampedLine);
    }

    /** Applied to every line from now on: a run's secrets become {@code ***}. */
    private volatile SecretMask mask = SecretMask.none();

    public void mask(SecretMask mask) {
        this.mask = mask;
    }

    public synchronized void line(String text) {
        String stamped = clock.instant().truncatedTo(ChronoUnit.MILLIS) + " " + mask.apply(text);
        if (listener != null) {
            listener.line(lines, stamped);
        }
        lines++;
        String line = stamped + "\n";
        long bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (tail.isEmpty() && droppedBytes == 0 && headBytes + bytes <= headLimit) {
            head.append(line);
            headBytes += bytes;
            return;
        }
        tail.addLast(line);
        tailBytes += bytes;
        while (tailBytes > tailLimit && !tail.isEmpty()) {
            long removed = tail.removeFirst().getBytes(StandardCharsets.UTF_8).length;
            tailBytes -= removed;
            droppedBytes += removed;
        }
    }

    public synchronized long droppedBytes() {
        return droppedBytes;
    }

    /** The log so far with the number of lines printed, read together. */
    public synchronized LogSoFar soFar() {
        return new LogSoFar(text(), lines);
    }

    public synchronized String text() {
        StringBuilder text = new StringBuilder(head);
        if (droppedBytes > 0) {
            text.append("[... ").append(droppedBytes).append(" bytes of output dropped: the log keeps its first and last ")
                    .append(headLimit + tailLimit).append(" bytes (setting ses.run.log-max-bytes) ...]\n");
        }
        tail.forEach(text::append);
        return text.toString();
    }
}
