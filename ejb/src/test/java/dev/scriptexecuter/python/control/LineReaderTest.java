package dev.scriptexecuter.python.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

class LineReaderTest {

    @Test
    void longLinesArePassedOnInPieces() throws Exception {
        List<String> lines = new ArrayList<>();
        String input = "a".repeat(25) + "\r\nshort\nlast";
        LineReader.forEachLine(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), 10, lines::add);
        assertThat(lines).containsExactly("a".repeat(10), "a".repeat(10), "aaaaa", "short", "last");
    }
}
