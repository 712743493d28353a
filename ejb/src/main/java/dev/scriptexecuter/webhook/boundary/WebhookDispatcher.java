package dev.scriptexecuter.webhook.boundary;

import dev.scriptexecuter.webhook.control.WebhookLedger;
import dev.scriptexecuter.webhook.control.WebhookSigner;
import dev.scriptexecuter.webhook.control.WebhookUrls;
import dev.scriptexecuter.webhook.entity.WebhookDelivery;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends pending webhook deliveries: every {@code ses.webhook.poll} each node
 * takes the due ones it can claim, POSTs them (JSON, signed when the webhook
 * has a secret) and writes down the answer. A delivery that gets no 2xx answer
 * is tried again after {@code ses.webhook.retry-backoff}, doubling, up to
 * {@code ses.webhook.max-attempts} attempts.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final int BATCH = 20;

    @Inject
    @ConfigProperty(name = "ses.webhook.poll", defaultValue = "PT1S")
    Duration poll;

    @Inject
    @ConfigProperty(name = "ses.webhook.retry-backoff", defaultValue = "PT5S")
    Duration backoff;

    @Inject
    @ConfigProperty(name = "ses.webhook.max-attempts", defaultValue = "6")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "ses.webhook.timeout", defaultValue = "PT10S")
    Duration timeout;

    @Inject
    WebhookLedger ledger;

    @Inject
    Clock clock;

    @Resource
    TimerService timers;

    private final AtomicBoolean busy = new AtomicBoolean();
    private HttpClient client;

    @PostConstruct
    void start() {
        client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        timers.createIntervalTimer(poll.toMillis(), poll.toMillis(), new TimerConfig(null, false));
    }

    @PreDestroy
    void stop() {
        client.close();
    }

    @Timeout
    void sendDue() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (String id : ledger.due(now, BATCH)) {
                ledger.claim(id, now, now.plus(timeout).plus(timeout)).ifPresent(this::attempt);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Webhook deliveries could not be sent; trying again in " + poll, e);
        } finally {
            busy.set(false);
        }
    }

    private void attempt(WebhookDelivery delivery) {
        Integer status = null;
        String error = null;
        try {
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "ScriptExecuterServer-Webhook")
                    .header("X-SES-Event", delivery.event().name().toLowerCase())
                    .header("X-SES-Delivery", delivery.id())
                    .header("X-SES-Timestamp", timestamp)
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()));
            ledger.secret(delivery.scope()).ifPresent(secret ->
                    request.header("X-SES-Signature", WebhookSigner.signature(secret, timestamp, delivery.payload())));
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        Instant now = clock.instant();
        int attempt = delivery.attempts() + 1;
        Instant retryAt = attempt >= maxAttempts ? null : now.plus(backoff.multipliedBy(1L << Math.min(attempt - 1, 20)));
        ledger.attempted(delivery.id(), status, error, now, retryAt);
        if (error != null) {
            String reason = error;
            LOG.info(() -> "Webhook delivery " + delivery.id() + " (" + delivery.event() + " of run "
                    + delivery.runId() + ") to " + WebhookUrls.redacted(delivery.url()) + " failed, attempt " + attempt + " of "
                    + maxAttempts + ": " + reason + (retryAt == null ? "; giving up" : "; trying again at " + retryAt));
        }
    }
}
