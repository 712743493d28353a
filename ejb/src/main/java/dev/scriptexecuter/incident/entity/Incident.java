package dev.scriptexecuter.incident.entity;

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

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

/**
 * One incident of a script, from when a node saw it to when one saw it end.
 * While it is open its {@code openSlot} holds "script:kind", unique in the
 * table: a second node seeing the same trouble cannot open it again.
 */
@Entity
@Table(name = "incident")
public class Incident {

    public static final int MAX_TEXT = 1000;

    @Id
    private String id;

    @Column(name = "script_id", nullable = false, updatable = false)
    private String scriptId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private IncidentKind kind;

    @Column(name = "open_slot")
    private String openSlot;

    @Column(name = "run_id", updatable = false)
    private String runId;

    @Column(name = "opened_at", nullable = false, updatable = false)
    private LocalDateTime openedAt;

    @Column(name = "resolved_at")
    private LocalDateTime resolvedAt;

    @Column(nullable = false, length = MAX_TEXT)
    private String detail;

    @Column(length = MAX_TEXT)
    private String resolution;

    @Column(name = "node_name", nullable = false, updatable = false)
    private String nodeName;

    protected Incident() {
    }

    public Incident(String scriptId, IncidentKind kind, String runId, String detail, String nodeName, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.scriptId = Objects.requireNonNull(scriptId);
        this.kind = Objects.requireNonNull(kind);
        this.openSlot = slot(scriptId, kind);
        this.runId = runId;
        this.detail = limit(detail);
        this.nodeName = Objects.requireNonNull(nodeName);
        this.openedAt = column(now);
    }

    /** What {@code openSlot} holds while a script's incident of this kind is open. */
    public static String slot(String scriptId, IncidentKind kind) {
        return scriptId + ":" + kind.name();
    }

    public static String limit(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    public String id() {
        return id;
    }

    public String scriptId() {
        return scriptId;
    }

    public IncidentKind kind() {
        return kind;
    }

    public String runId() {
        return runId;
    }

    public Instant openedAt() {
        return instant(openedAt);
    }

    public Instant resolvedAt() {
        return instant(resolvedAt);
    }

    public boolean open() {
        return resolvedAt == null;
    }

    public String detail() {
        return detail;
    }

    public String resolution() {
        return resolution;
    }

    public String nodeName() {
        return nodeName;
    }
}
