package dev.scriptexecuter.execution.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class LogCaptureTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00.123456Z"), ZoneOffset.UTC);

    @Test
    void linesAreStampedToTheMillisecond() {
        LogCapture cut = new LogCapture(clock, 1000);
        cut.line("hello");
        assertThat(cut.text()).isEqualTo("2026-11-26T10:00:00.123Z hello\n");
    }

    @Test
    void overTheCapTheHeadAndTailAreKeptAndTheCutIsMarked() {
        LogCapture cut = new LogCapture(clock, 400);
        for (int i = 0; i < 100; i++) {
            cut.line("line " + i);
        }
        String text = cut.text();
        assertThat(text).contains("line 0\n").contains("line 99\n").doesNotContain("line 50\n");
        assertThat(text).containsPattern("\\[\\.\\.\\. \\d+ bytes of output dropped");
        assertThat(cut.droppedBytes()).isPositive();
        String withoutMarker = text.replaceAll("\\[\\.\\.\\..*\\]\\n", "");
        assertThat(withoutMarker.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(400);
    }

    @Test
    void whatWasPrintedIsCountedAlsoWhenTheTextLeavesLinesOut() {
        LogCapture cut = new LogCapture(clock, 400);
        for (int i = 0; i < 100; i++) {
            cut.line("line " + i);
        }
        var soFar = cut.soFar();
        assertThat(soFar.printed()).as("the next line pushed to a page is number 100").isEqualTo(100);
        assertThat(soFar.lines().size()).as("fewer on the page: the middle is cut").isLessThan(100);
        assertThat(soFar.text()).isEqualTo(cut.text());
    }
}
