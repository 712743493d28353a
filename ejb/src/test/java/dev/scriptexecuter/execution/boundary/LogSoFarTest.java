package dev.scriptexecuter.execution.boundary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSoFarTest {

    @Test
    void linesAreSplitAtLineBreaksOnlyAsTheRunPrintedThem() {
        assertThat(LogSoFar.lines("a\nprogress 10%\r20%\n\nb\n")).containsExactly("a", "progress 10%\r20%", "", "b");
        assertThat(LogSoFar.lines("no break at the end")).containsExactly("no break at the end");
        assertThat(LogSoFar.lines("")).isEmpty();
        assertThat(LogSoFar.lines(null)).isEmpty();
    }

    @Test
    void aStoredLogCountsEveryLineItHolds() {
        assertThat(LogSoFar.stored("a\nb\n").printed()).isEqualTo(2);
        assertThat(LogSoFar.stored(null)).isEqualTo(LogSoFar.EMPTY);
    }
}
