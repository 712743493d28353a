package dev.scriptexecuter.audit.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of the audit log: who ({@code actor}) did what ({@code action}) to
 * what ({@code target}) and when. Written once, never changed: every column is
 * not updatable. Texts longer than their columns are cut.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    private String id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private LocalDateTime occurredAt;

    /** The order of writing, numbered by the database: it orders entries of the same millisecond. */
    @Column(insertable = false, updatable = false)
    private Long seq;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private AuditAction action;

    @Column(name = "target_type", updatable = false)
    private String targetType;

    @Column(name = "target_id", updatable = false)
    private String targetId;

    @Column(name = "target_name", updatable = false)
    private String targetName;

    @Column(updatable = false)
    private String detail;

    @Column(updatable = false)
    private String address;

    protected AuditEntry() {
    }

    public AuditEntry(Instant at, String actor, AuditAction action, Target target, String detail, String address) {
        this.id = UUID.randomUUID().toString();
        this.occurredAt = column(Objects.requireNonNull(at));
        this.actor = cut(Objects.requireNonNull(actor), 100);
        this.action = Objects.requireNonNull(action);
        this.targetType = target == null ? null : target.type();
        this.targetId = target == null ? null : cut(target.id(), 64);
        this.targetName = target == null ? null : cut(target.name(), 255);
        this.detail = cut(detail, 2000);
        this.address = cut(address, 64);
    }

    /** What an action was done to: a script, a run, a user, an API key, an environment. */
    public record Target(String type, String id, String name) {

        public static Target script(String id, String name) {
            return new Target("script", id, name);
        }

        public static Target run(String id, String scriptName) {
            return new Target("run", id, scriptName);
        }

        public static Target user(String id, String username) {
            return new Target("user", id, username);
        }

        public static Target apiKey(String id, String name) {
            return new Target("api-key", id, name);
        }

        public static Target environment(String id) {
            return new Target("environment", id, null);
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    public String id() {
        return id;
    }

    public Instant occurredAt() {
        return instant(occurredAt);
    }

    public String actor() {
        return actor;
    }

    public AuditAction action() {
        return action;
    }

    public String targetType() {
        return targetType;
    }

    public String targetId() {
        return targetId;
    }

    public String targetName() {
        return targetName;
    }

    public String detail() {
        return detail;
    }

    public String address() {
        return address;
    }
}
