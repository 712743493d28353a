package dev.scriptexecuter.environment.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * A Python environment for one set of requirements, identified by the SHA-256
 * of the normalised requirements text: the record of its latest build. The
 * files live in each node's work directory.
 */
@Entity
@Table(name = "environment")
public class Environment {

    @Id
    private String id;

    @Lob
    @Column(nullable = false)
    private String requirements;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EnvironmentStatus status;

    private String python;

    @Lob
    @Column(name = "install_log")
    private String installLog;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    @Column(nullable = false)
    private int builds;

    @Column(name = "build_millis")
    private Long buildMillis;

    @Column(name = "built_on")
    private String builtOn;

    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    @Column(name = "built_at")
    private LocalDateTime builtAt;

    @Column(name = "last_used_at")
    private LocalDateTime lastUsedAt;

    @Column(name = "unused_since")
    private LocalDateTime unusedSince;

    /** Builds that failed in a row since the last one that succeeded (or a person's save or rebuild). */
    @Column(name = "failed_builds", nullable = false)
    private int failedBuilds;

    /** While failed: pip is not tried again before this (null: at the next need). */
    @Column(name = "next_build_at")
    private LocalDateTime nextBuildAt;

    /** While failed: why, its cause in the first sentence. */
    @Column(length = 2000)
    private String error;

    @Version
    private long version;

    protected Environment() {
    }

    public Environment(String id, String requirements, Instant now) {
        this.id = id;
        this.requirements = requirements;
        this.status = EnvironmentStatus.BUILDING;
        this.createdAt = column(now);
    }

    public void building() {
        this.status = EnvironmentStatus.BUILDING;
    }

    public void built(boolean succeeded, String python, String log, long sizeBytes, long millis, String node, Instant now) {
        this.status = succeeded ? EnvironmentStatus.READY : EnvironmentStatus.FAILED;
        this.python = python;
        this.installLog = log;
        this.sizeBytes = succeeded ? sizeBytes : null;
        this.buildMillis = millis;
        this.builtOn = node;
        this.builtAt = column(now);
        this.builds++;
        if (succeeded) {
            this.failedBuilds = 0;
            this.nextBuildAt = null;
            this.error = null;
        } else {
            this.failedBuilds++;
        }
    }

    /** Why the latest build failed, and when pip may be tried again. */
    public void failedBecause(String error, Instant nextBuildAt) {
        this.error = error;
        this.nextBuildAt = column(nextBuildAt);
    }

    /** A person saved a script needing it or asked for a rebuild: the next build is not held back. */
    public void retryNow() {
        this.failedBuilds = 0;
        this.nextBuildAt = null;
    }

    public void used(Instant now) {
        this.lastUsedAt = column(now);
        this.unusedSince = null;
    }

    /** Notes when the environment was first seen without scripts; null again once a script needs it. */
    public void referenced(boolean byAnyScript, Instant now) {
        if (byAnyScript) {
            unusedSince = null;
        } else if (unusedSince == null) {
            unusedSince = column(now);
        }
    }

    public String id() {
        return id;
    }

    public String requirements() {
        return requirements;
    }

    public EnvironmentStatus status() {
        return status;
    }

    public String python() {
        return python;
    }

    public String installLog() {
        return installLog;
    }

    public Long sizeBytes() {
        return sizeBytes;
    }

    public int builds() {
        return builds;
    }

    public Long buildMillis() {
        return buildMillis;
    }

    public String builtOn() {
        return builtOn;
    }

    public int failedBuilds() {
        return failedBuilds;
    }

    public Instant nextBuildAt() {
        return instant(nextBuildAt);
    }

    public String error() {
        return error;
    }

    public Instant createdAt() {
        return instant(createdAt);
    }

    public Instant builtAt() {
        return instant(builtAt);
    }

    public Instant lastUsedAt() {
        return instant(lastUsedAt);
    }

    public Instant unusedSince() {
        return instant(unusedSince);
    }
}
