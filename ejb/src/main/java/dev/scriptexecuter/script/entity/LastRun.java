package dev.scriptexecuter.script.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * A copy of the newest run's summary kept on the script row, so that listing
 * thousands of scripts with their last outcome needs no join. Written by the
 * execution component whenever a run starts or ends.
 */
@Embeddable
public class LastRun {

    @Column(name = "last_run_id")
    private String runId;

    @Column(name = "last_run_status")
    private String status;

    @Column(name = "last_run_outcome")
    private String outcome;

    @Column(name = "last_run_started")
    private LocalDateTime startedAt;

    @Column(name = "last_run_finished")
    private LocalDateTime finishedAt;

    public String runId() {
        return runId;
    }

    public String status() {
        return status;
    }

    public String outcome() {
        return outcome;
    }

    public Instant startedAt() {
        return instant(startedAt);
    }

    public Instant finishedAt() {
        return instant(finishedAt);
    }
}
