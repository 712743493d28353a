package dev.scriptexecuter.execution.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;

/**
 * Consecutive log lines of a running run, as its node shared them: lines
 * {@code firstLine} to {@code firstLine + lineCount - 1} of what the run
 * printed (numbered from 0), each stamped and masked as in the stored log.
 */
@Entity
@Table(name = "run_log_chunk")
public class RunLogChunk {

    @Id
    private String id;

    @Column(name = "run_id", nullable = false, updatable = false)
    private String runId;

    @Column(name = "first_line", nullable = false, updatable = false)
    private long firstLine;

    @Column(name = "line_count", nullable = false, updatable = false)
    private int lineCount;

    @Column(name = "byte_count", nullable = false, updatable = false)
    private int byteCount;

    @Lob
    @Column(name = "lines_text", nullable = false, updatable = false)
    private String text;

    @Column(name = "written_at", nullable = false, updatable = false)
    private LocalDateTime writtenAt;

    protected RunLogChunk() {
    }

    public RunLogChunk(String runId, long firstLine, List<String> lines, int byteCount, Instant now) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("A chunk holds at least one line.");
        }
        this.id = UUID.randomUUID().toString();
        this.runId = Objects.requireNonNull(runId);
        this.firstLine = firstLine;
        this.lineCount = lines.size();
        this.byteCount = byteCount;
        this.text = String.join("\n", lines);
        this.writtenAt = column(now);
    }

    public String id() {
        return id;
    }

    public String runId() {
        return runId;
    }

    public long firstLine() {
        return firstLine;
    }

    /** The number of the line after its last. */
    public long end() {
        return firstLine + lineCount;
    }

    public int byteCount() {
        return byteCount;
    }

    /** Its lines; a line itself never holds a line break (the capture splits there). */
    public List<String> lines() {
        return List.of(text.split("\n", -1));
    }
}
