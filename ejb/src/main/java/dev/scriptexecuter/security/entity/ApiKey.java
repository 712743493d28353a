package dev.scriptexecuter.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

/**
 * A key a service sends as {@code X-API-Key} to act with its owner's role.
 * Only a SHA-256 hash of its secret part is kept: the secret is random and
 * long, so no slow password hash is needed.
 */
@Entity
@Table(name = "api_key")
@NamedQuery(name = ApiKey.FIND_BY_OWNER, query = "SELECT k FROM ApiKey k WHERE k.owner.id = :ownerId ORDER BY k.createdAt")
@NamedQuery(name = ApiKey.FIND_ALL, query = "SELECT k FROM ApiKey k ORDER BY k.createdAt")
public class ApiKey {

    public static final String FIND_BY_OWNER = "ApiKey.findByOwner";
    public static final String FIND_ALL = "ApiKey.findAll";

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id")
    private User owner;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    @Column(name = "expires_at")
    private LocalDateTime expiresAt;

    @Column(name = "last_used_at")
    private LocalDateTime lastUsedAt;

    protected ApiKey() {
    }

    public ApiKey(User owner, String name, String secretHash, Instant expiresAt, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.owner = Objects.requireNonNull(owner);
        this.name = Objects.requireNonNull(name);
        this.secretHash = Objects.requireNonNull(secretHash);
        this.expiresAt = column(expiresAt);
        this.createdAt = column(now);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(instant(expiresAt));
    }

    public void used(Instant now) {
        this.lastUsedAt = column(now);
    }

    public String id() {
        return id;
    }

    public User owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    public String secretHash() {
        return secretHash;
    }

    public Instant createdAt() {
        return instant(createdAt);
    }

    public Instant expiresAt() {
        return instant(expiresAt);
    }

    public Instant lastUsedAt() {
        return instant(lastUsedAt);
    }
}
