package dev.scriptexecuter.execution.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import dev.scriptexecuter.script.entity.Script;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A trigger URL of a script: {@code POST /hooks/{token}} starts a run of it with the request's body as the
 * run's input. Only a SHA-256 hash of the token's secret is kept (the token is shown once); rotating
 * replaces it, deleting the row revokes it. At most {@code perMinute} calls a minute are taken.
 */
@Entity
@Table(name = "run_hook")
public class RunHook {

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "script_id")
    private Script script;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "per_minute", nullable = false)
    private int perMinute;

    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Column(name = "rotated_at")
    private LocalDateTime rotatedAt;

    @Column(name = "called_at")
    private LocalDateTime calledAt;

    protected RunHook() {
    }

    public RunHook(Script script, String name, int perMinute, String secretHash, String createdBy, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.script = Objects.requireNonNull(script);
        this.name = Objects.requireNonNull(name);
        this.perMinute = perMinute;
        this.secretHash = Objects.requireNonNull(secretHash);
        this.createdBy = Objects.requireNonNull(createdBy);
        this.createdAt = column(now);
    }

    /** A new secret: the old token stops working when this commits. */
    public void rotate(String newSecretHash, Instant now) {
        this.secretHash = Objects.requireNonNull(newSecretHash);
        this.rotatedAt = column(now);
    }

    public String id() {
        return id;
    }

    public Script script() {
        return script;
    }

    public String name() {
        return name;
    }

    public String secretHash() {
        return secretHash;
    }

    public int perMinute() {
        return perMinute;
    }

    public Instant createdAt() {
        return instant(createdAt);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant rotatedAt() {
        return instant(rotatedAt);
    }

    public Instant calledAt() {
        return instant(calledAt);
    }
}
