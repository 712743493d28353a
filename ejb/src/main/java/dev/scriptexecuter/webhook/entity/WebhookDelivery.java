package dev.scriptexecuter.webhook.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * One event to send to one webhook, and how sending it went: PENDING until a
 * 2xx answer (DELIVERED) or the last attempt (FAILED).
 */
@Entity
@Table(name = "webhook_delivery")
@NamedQuery(name = WebhookDelivery.FIND_BY_SCRIPT, query = "SELECT d FROM WebhookDelivery d"
        + " WHERE d.scriptId = :scriptId ORDER BY d.createdAt DESC, d.id")
@NamedQuery(name = WebhookDelivery.FIND_BY_RUN, query = "SELECT d FROM WebhookDelivery d WHERE d.runId = :runId"
        + " ORDER BY d.createdAt, d.id")
@NamedQuery(name = WebhookDelivery.FIND_DUE, query = "SELECT d.id FROM WebhookDelivery d WHERE d.status = :pending"
        + " AND d.nextAttemptAt <= :now ORDER BY d.nextAttemptAt")
public class WebhookDelivery {

    public static final String FIND_BY_SCRIPT = "WebhookDelivery.findByScript";
    public static final String FIND_BY_RUN = "WebhookDelivery.findByRun";
    public static final String FIND_DUE = "WebhookDelivery.findDue";

    public enum Status { PENDING, DELIVERED, FAILED }

    @Id
    private String id;

    /** The run it is about; null for an incident without one (overdue). */
    @Column(name = "run_id", updatable = false)
    private String runId;

    /** The incident it is about; null for a run's end. */
    @Column(name = "incident_id", updatable = false)
    private String incidentId;

    @Column(name = "script_id", nullable = false, updatable = false)
    private String scriptId;

    @Column(nullable = false, updatable = false)
    private String scope;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private WebhookEvent event;

    @Column(nullable = false, updatable = false, length = 2000)
    private String url;

    @Lob
    @Column(nullable = false, updatable = false)
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @Column(name = "next_attempt_at")
    private LocalDateTime nextAttemptAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private LocalDateTime createdAt;

    @Column(name = "delivered_at")
    private LocalDateTime deliveredAt;

    protected WebhookDelivery() {
    }

    public WebhookDelivery(String runId, String scriptId, String scope, WebhookEvent event, String url, String payload,
                           Instant now) {
        this.id = UUID.randomUUID().toString();
        this.runId = runId;
        this.scriptId = Objects.requireNonNull(scriptId);
        this.scope = Objects.requireNonNull(scope);
        this.event = Objects.requireNonNull(event);
        this.url = Objects.requireNonNull(url);
        this.payload = Objects.requireNonNull(payload);
        this.status = Status.PENDING;
        this.createdAt = column(now);
        this.nextAttemptAt = column(now);
    }

    /** An answer or a failure to get one; {@code retryAt} null: that was the last attempt. */
    public void attempted(Integer httpStatus, String error, Instant now, Instant retryAt) {
        attempts++;
        lastStatus = httpStatus;
        lastError = error == null || error.length() <= 1000 ? error : error.substring(0, 997) + "...";
        if (httpStatus != null && httpStatus >= 200 && httpStatus < 300) {
            status = Status.DELIVERED;
            deliveredAt = column(now);
            nextAttemptAt = null;
        } else if (retryAt == null) {
            status = Status.FAILED;
            nextAttemptAt = null;
        } else {
            nextAttemptAt = column(retryAt);
        }
    }

    /** Takes the delivery for one attempt: nobody else tries it before {@code until}. */
    public void claim(Instant until) {
        nextAttemptAt = column(until);
    }

    public String id() {
        return id;
    }

    /** The same delivery, of an incident (whose run, if any, it also names). */
    public WebhookDelivery ofIncident(String incidentId) {
        this.incidentId = incidentId;
        return this;
    }

    public String incidentId() {
        return incidentId;
    }

    public String runId() {
        return runId;
    }

    public String scriptId() {
        return scriptId;
    }

    public String scope() {
        return scope;
    }

    public WebhookEvent event() {
        return event;
    }

    public String url() {
        return url;
    }

    public String payload() {
        return payload;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Integer lastStatus() {
        return lastStatus;
    }

    public String lastError() {
        return lastError;
    }

    public Instant nextAttemptAt() {
        return instant(nextAttemptAt);
    }

    public Instant createdAt() {
        return instant(createdAt);
    }

    public Instant deliveredAt() {
        return instant(deliveredAt);
    }
}
