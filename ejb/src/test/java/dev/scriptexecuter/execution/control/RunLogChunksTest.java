package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.boundary.LogSoFar;
import dev.scriptexecuter.execution.entity.RunLogChunk;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunLogChunksTest {

    private static RunLogChunk chunk(long first, String... lines) {
        return new RunLogChunk("run", first, List.of(lines), 0, Instant.EPOCH);
    }

    @Test
    void chunksJoinedAreTheLogAndTheNumberPrintedIsWhereTheLastEnds() {
        LogSoFar log = RunLogChunks.join(List.of(chunk(0, "a", "b"), chunk(2, "c")));
        assertThat(log.text()).isEqualTo("a\nb\nc\n");
        assertThat(log.printed()).isEqualTo(3);
    }

    @Test
    void missingLinesAreCountedInALineOfTheirOwn() {
        LogSoFar log = RunLogChunks.join(List.of(chunk(0, "a"), chunk(5, "f", "g")));
        assertThat(log.lines()).containsExactly("a",
                "[... 4 lines left out here: a running run's log is passed between nodes in part"
                        + " (setting ses.run.log-max-bytes) ...]", "f", "g");
        assertThat(log.printed()).isEqualTo(7);
        assertThat(RunLogChunks.join(List.of(chunk(3, "d"))).text()).startsWith("[... 3 lines left out");
    }

    @Test
    void noChunksIsNothingPrinted() {
        assertThat(RunLogChunks.join(List.of())).isEqualTo(LogSoFar.EMPTY);
    }

    @Test
    void aLineWithACarriageReturnStaysOneLine() {
        LogSoFar log = RunLogChunks.join(List.of(chunk(0, "10%\r50%\r100%", "")));
        assertThat(log.lines()).containsExactly("10%\r50%\r100%", "");
        assertThat(log.printed()).isEqualTo(2);
    }
}
