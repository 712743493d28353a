package dev.scriptexecuter.python.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a process's output into lines without ever holding more than one
 * bounded line: a line longer than the limit is passed on in pieces.
 */
public final class LineReader {

    private LineReader() {
    }

    public static void forEachLine(InputStream in, int maxLineChars, Consumer<String> sink) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buffer = new char[8192];
        StringBuilder line = new StringBuilder();
        int read;
        while ((read = reader.read(buffer)) != -1) {
            for (int i = 0; i < read; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    sink.accept(stripCarriageReturn(line));
                    line.setLength(0);
                } else {
                    line.append(c);
                    if (line.length() >= maxLineChars) {
                        sink.accept(line.toString());
                        line.setLength(0);
                    }
                }
            }
        }
        if (!line.isEmpty()) {
            sink.accept(stripCarriageReturn(line));
        }
    }

    private static String stripCarriageReturn(StringBuilder line) {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }
}
