package dev.scriptexecuter.execution.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What {@link LogShare} keeps of one run between its writes: the lines
 * printed since the last chunk (up to {@code chunkMaxBytes}; lines beyond
 * that are left out, and the next chunk starts after them), and which of
 * the written chunks to delete so that the run's chunks stay within the log
 * cap: the first half of the cap keeps the first chunks, the second half the
 * newest, as the stored log keeps its head and tail. Not thread-safe: its
 * owner locks.
 */
final class SharedLines {

    /** Lines to write as one chunk: lines {@code first} on, {@code bytes} of them with their line breaks. */
    record Pending(long first, List<String> lines, int bytes) {
    }

    private record Written(String id, int bytes) {
    }

    private final long headLimit;
    private final long tailLimit;
    private final int chunkMaxBytes;
    private long first = -1;
    private List<String> lines = new ArrayList<>();
    private int bytes;
    private boolean full;
    private long headBytes;
    private long tailBytes;
    private final Deque<Written> tail = new ArrayDeque<>();

    SharedLines(long maxBytes, int chunkMaxBytes) {
        this.headLimit = maxBytes / 2;
        this.tailLimit = maxBytes - headLimit;
        this.chunkMaxBytes = chunkMaxBytes;
    }

    /** Line {@code index} (numbered from 0) as printed; left out when this interval's chunk is full. */
    void add(long index, String line) {
        int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (full || (!lines.isEmpty() && bytes + size > chunkMaxBytes)) {
            full = true;
            return;
        }
        if (lines.isEmpty()) {
            first = index;
        }
        lines.add(line);
        bytes += size;
    }

    /** The lines gathered since the last take, if any; the next ones start a new chunk. */
    Pending take() {
        full = false;
        if (lines.isEmpty()) {
            return null;
        }
        Pending pending = new Pending(first, lines, bytes);
        lines = new ArrayList<>();
        bytes = 0;
        return pending;
    }

    /** A chunk was written; returns the ids of older chunks to delete now to stay within the cap. */
    List<String> written(String id, int size) {
        if (tail.isEmpty() && headBytes + size <= headLimit) {
            headBytes += size;
            return List.of();
        }
        tail.addLast(new Written(id, size));
        tailBytes += size;
        List<String> dropped = new ArrayList<>();
        while (tailBytes > tailLimit && tail.size() > 1) {
            Written oldest = tail.removeFirst();
            tailBytes -= oldest.bytes();
            dropped.add(oldest.id());
        }
        return dropped;
    }
}
