package dev.scriptexecuter.webhook.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

/**
 * Who hears by e-mail about a script's runs and incidents: its own
 * recipients (scope = script id) or the default for all scripts without
 * (scope {@link Webhook#GLOBAL}).
 */
@Entity
@Table(name = "mail_alert")
public class MailAlert {

    @Id
    private String scope;

    @Column(name = "script_id", updatable = false)
    private String scriptId;

    /** Comma-separated addresses. */
    @Column(nullable = false, length = 2000)
    private String recipients;

    /** Comma-separated {@link WebhookEvent} names. */
    @Column(nullable = false)
    private String events;

    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    private long version;

    protected MailAlert() {
    }

    public MailAlert(String scope) {
        this.scope = Objects.requireNonNull(scope);
        this.scriptId = Webhook.GLOBAL.equals(scope) ? null : scope;
    }

    public void configure(List<String> recipients, List<WebhookEvent> events, String by, Instant now) {
        this.recipients = String.join(",", recipients);
        this.events = String.join(",", events.stream().map(Enum::name).toList());
        this.updatedBy = Objects.requireNonNull(by);
        this.updatedAt = column(now);
    }

    public String scope() {
        return scope;
    }

    public List<String> recipients() {
        return Arrays.stream(recipients.split(",")).filter(r -> !r.isBlank()).toList();
    }

    public List<WebhookEvent> events() {
        return Arrays.stream(events.split(",")).filter(name -> !name.isBlank()).map(WebhookEvent::valueOf).toList();
    }

    public Instant updatedAt() {
        return instant(updatedAt);
    }

    public String updatedBy() {
        return updatedBy;
    }

    public long version() {
        return version;
    }
}
