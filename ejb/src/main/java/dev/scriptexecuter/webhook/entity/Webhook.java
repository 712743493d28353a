package dev.scriptexecuter.webhook.entity;

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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a script's run events are POSTed: its own (scope = script id) or the
 * default for all scripts without one (scope {@link #GLOBAL}). The signing
 * secret is kept sealed; null means unsigned.
 */
@Entity
@Table(name = "webhook")
public class Webhook {

    public static final String GLOBAL = "*";

    @Id
    private String scope;

    @Column(name = "script_id", updatable = false)
    private String scriptId;

    @Column(nullable = false, length = 2000)
    private String url;

    @Lob
    @Column(name = "sealed_secret")
    private String sealedSecret;

    @Column(name = "key_id")
    private String keyId;

    /** Comma-separated {@link WebhookEvent} names. */
    @Column(nullable = false)
    private String events;

    @Enumerated(EnumType.STRING)
    @Column(name = "body_format", nullable = false)
    private WebhookFormat format = WebhookFormat.JSON;

    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    private long version;

    protected Webhook() {
    }

    public Webhook(String scope) {
        this.scope = Objects.requireNonNull(scope);
        this.scriptId = GLOBAL.equals(scope) ? null : scope;
    }

    public void configure(String url, List<WebhookEvent> events, WebhookFormat format, String keyId,
                          String sealedSecret, String by, Instant now) {
        this.url = Objects.requireNonNull(url);
        this.format = Objects.requireNonNull(format);
        this.events = String.join(",", events.stream().map(Enum::name).toList());
        this.keyId = keyId;
        this.sealedSecret = sealedSecret;
        this.updatedBy = Objects.requireNonNull(by);
        this.updatedAt = column(now);
    }

    /** The same signing secret sealed again (with another key): not a change anybody made. */
    public void reseal(String keyId, String sealedSecret) {
        this.keyId = Objects.requireNonNull(keyId);
        this.sealedSecret = Objects.requireNonNull(sealedSecret);
    }

    /** The secret context a sealed signing secret is bound to. */
    public String context() {
        return "webhook:" + scope;
    }

    public String scope() {
        return scope;
    }

    public String url() {
        return url;
    }

    public WebhookFormat format() {
        return format;
    }

    public String sealedSecret() {
        return sealedSecret;
    }

    public String keyId() {
        return keyId;
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
}
