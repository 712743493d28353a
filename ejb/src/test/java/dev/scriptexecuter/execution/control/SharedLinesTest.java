package dev.scriptexecuter.execution.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SharedLinesTest {

    @Test
    void linesGatheredBetweenWritesMakeOneChunkNumberedFromItsFirstLine() {
        SharedLines cut = new SharedLines(10_000, 1000);
        assertThat(cut.take()).as("nothing printed, nothing to write").isNull();
        cut.add(0, "a");
        cut.add(1, "bé");
        SharedLines.Pending first = cut.take();
        assertThat(first.first()).isZero();
        assertThat(first.lines()).containsExactly("a", "bé");
        assertThat(first.bytes()).as("UTF-8 bytes with line breaks").isEqualTo(2 + 4);
        cut.add(2, "c");
        assertThat(cut.take().first()).isEqualTo(2);
        assertThat(cut.take()).isNull();
    }

    @Test
    void overAChunksSizeTheRestOfTheIntervalIsLeftOutAndTheNextChunkStartsAfterIt() {
        SharedLines cut = new SharedLines(100_000, 20);
        for (int i = 0; i < 10; i++) {
            cut.add(i, "line " + i); // 7 bytes each
        }
        SharedLines.Pending full = cut.take();
        assertThat(full.lines()).containsExactly("line 0", "line 1");
        cut.add(10, "line 10");
        assertThat(cut.take().first()).as("a gap the reader can see").isEqualTo(10);
    }

    @Test
    void theWrittenChunksKeepTheirFirstAndNewestWithinTheCap() {
        SharedLines cut = new SharedLines(100, 100);
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dropped.addAll(cut.written("chunk-" + i, 20));
        }
        // head: 50 bytes keep chunk-0 and chunk-1 (40); tail: 50 bytes keep the newest two
        assertThat(dropped).containsExactly("chunk-2", "chunk-3", "chunk-4", "chunk-5", "chunk-6", "chunk-7");
    }
}
