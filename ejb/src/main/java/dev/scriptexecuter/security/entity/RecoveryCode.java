package dev.scriptexecuter.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;

/**
 * One of the ten codes that log in once in place of a one-time password, for when the phone is gone. Only its
 * SHA-256 hash is kept (the code is 80 random bits: no slow hash needed); a used one stays, marked, until the
 * codes are made anew.
 */
@Entity
@Table(name = "recovery_code")
@NamedQuery(name = RecoveryCode.UNUSED_OF, query = "SELECT c FROM RecoveryCode c WHERE c.userId = :userId"
        + " AND c.usedAt IS NULL")
@NamedQuery(name = RecoveryCode.DELETE_OF, query = "DELETE FROM RecoveryCode c WHERE c.userId = :userId")
public class RecoveryCode {

    public static final String UNUSED_OF = "RecoveryCode.unusedOf";
    public static final String DELETE_OF = "RecoveryCode.deleteOf";

    @Id
    private String id;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Column(name = "code_hash", nullable = false, length = 64)
    private String codeHash;

    @Column(name = "used_at")
    private LocalDateTime usedAt;

    protected RecoveryCode() {
    }

    public RecoveryCode(String userId, String codeHash) {
        this.id = UUID.randomUUID().toString();
        this.userId = Objects.requireNonNull(userId);
        this.codeHash = Objects.requireNonNull(codeHash);
    }

    public String id() {
        return id;
    }

    public String codeHash() {
        return codeHash;
    }

    public void use(Instant now) {
        this.usedAt = column(now);
    }
}
