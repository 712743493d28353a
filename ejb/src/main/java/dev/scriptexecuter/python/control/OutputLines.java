package dev.scriptexecuter.python.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** Passes a harness's output on, line by line, until every process holding its pipe or FIFO is gone. */
final class OutputLines {

    static final int MAX_LINE_CHARS = 16 * 1024;

    /** How long the output of a process that has exited may take to be read to its end. */
    static final long CAPTURE_GRACE_MILLIS = 5000;

    private OutputLines() {
    }

    /** Opens the output ({@code open} may block, as a FIFO's does) and reads it to its end. */
    static void read(Source open, Consumer<String> lines) {
        try (InputStream in = open.get()) {
            LineReader.forEachLine(in, MAX_LINE_CHARS, lines);
        } catch (IOException e) {
            lines.accept("[output capture ended: " + e.getMessage() + "]");
        }
    }

    /** Where the output comes from. */
    @FunctionalInterface
    interface Source {
        InputStream get() throws IOException;
    }
}
