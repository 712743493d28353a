package dev.scriptexecuter.webhook.boundary;

import dev.scriptexecuter.webhook.control.Mailer;
import dev.scriptexecuter.webhook.control.PinnedPost;
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
import jakarta.mail.MessagingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends pending webhook deliveries: every {@code ses.webhook.poll} each node
 * takes the due ones it can claim, POSTs them (JSON, signed when the webhook
 * has a secret) to the address the URL's host resolves to at that moment,
 * checked again as when the webhook was saved, and writes down the answer. A delivery that gets no 2xx answer
 * is tried again after {@code ses.webhook.retry-backoff}, doubling, up to
 * {@code ses.webhook.max-attempts} attempts. Up to {@code ses.webhook.parallel}
 * deliveries are sent at once, each on a sender of its own, so a receiver
 * that is slow to answer holds up none but its own; a delivery is claimed
 * only when a sender is free to send it at once.
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
    /** What an SMTP server answers when it took a message. */
    private static final int SMTP_OK = 250;

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
    @ConfigProperty(name = "ses.webhook.parallel", defaultValue = "8")
    int parallel;

    @Inject
    WebhookLedger ledger;

    @Inject
    Mailer mailer;

    @Inject
    Clock clock;

    @Resource
    TimerService timers;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ThreadFactory threads;

    private final AtomicBoolean busy = new AtomicBoolean();
    private PinnedPost post;
    private ExecutorService senders;
    private Semaphore free;

    @PostConstruct
    void start() {
        if (parallel < 1) {
            throw new IllegalArgumentException("ses.webhook.parallel must be at least 1, not " + parallel);
        }
        post = new PinnedPost(WebhookUrls.Resolver.SYSTEM, timeout);
        senders = Executors.newFixedThreadPool(parallel, threads);
        free = new Semaphore(parallel);
        timers.createIntervalTimer(poll.toMillis(), poll.toMillis(), new TimerConfig(null, false));
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    @Timeout
    void sendDue() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            int senderCount = free.availablePermits();
            if (senderCount == 0) {
                return;
            }
            Instant now = clock.instant();
            for (String id : ledger.due(now, Math.min(senderCount, BATCH))) {
                if (!free.tryAcquire()) {
                    break;
                }
                boolean handedOn = false;
                try {
                    Optional<WebhookDelivery> claimed = ledger.claim(id, now, now.plus(timeout).plus(timeout));
                    if (claimed.isPresent()) {
                        senders.execute(() -> {
                            try {
                                attempt(claimed.get());
                            } finally {
                                free.release();
                            }
                        });
                        handedOn = true;
                    }
                } finally {
                    if (!handedOn) {
                        free.release();
                    }
                }
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
        if (delivery.url().startsWith(WebhookUrls.MAILTO)) {
            try {
                mailer.send(List.of(delivery.url().substring(WebhookUrls.MAILTO.length()).split(",")),
                        delivery.payload());
                status = SMTP_OK;
            } catch (MessagingException | RuntimeException e) {
                error = mailFailure(e);
            }
            recordQuietly(delivery, status, error);
            return;
        }
        try {
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "ScriptExecuterServer-Webhook");
            headers.put("X-SES-Event", delivery.event().name().toLowerCase());
            headers.put("X-SES-Delivery", delivery.id());
            headers.put("X-SES-Timestamp", timestamp);
            ledger.secret(delivery.scope()).ifPresent(secret ->
                    headers.put("X-SES-Signature", WebhookSigner.signature(secret, timestamp, delivery.payload())));
            status = post.send(URI.create(delivery.url()), headers, delivery.payload(),
                    ledger.internalAllowed(delivery.scope()));
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        } catch (PinnedPost.Refused e) {
            error = e.getMessage();
        } catch (Exception e) {
            error = failure(e);
        }
        recordQuietly(delivery, status, error);
    }

    private void recordQuietly(WebhookDelivery delivery, Integer status, String error) {
        try {
            record(delivery, status, error);
        } catch (RuntimeException e) {
            // the claim runs out and the delivery is tried again, by this node or another
            LOG.log(Level.WARNING, "The attempt of webhook delivery " + delivery.id() + " could not be written", e);
        }
    }

    /** What the SMTP server's refusal or the connection's failure says, in words (no class names). */
    static String mailFailure(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String reason = switch (cause) {
            case java.net.SocketTimeoutException t -> "the mail server did not answer in time";
            case java.net.ConnectException c -> "the mail server refused the connection";
            case java.net.UnknownHostException u -> "the mail server's host name is not known";
            case javax.net.ssl.SSLException ssl -> "the TLS connection to the mail server failed";
            default -> "the mail server did not take the e-mail";
        };
        String message = e.getMessage();
        return message == null || message.isBlank() || message.contains("Exception") ? reason
                : reason + ": " + message.strip().lines().findFirst().orElse("");
    }

    private void record(WebhookDelivery delivery, Integer status, String error) {
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

    /** In words, not the exception's class name: the reason is shown to people in the API and dashboard. */
    static String failure(Exception e) {
        String reason = switch (e) {
            case java.net.http.HttpTimeoutException t -> "no answer in time";
            case java.net.SocketTimeoutException t -> "no answer in time";
            case java.net.ConnectException c -> "the connection was refused";
            case java.net.UnknownHostException u -> "the host name is not known";
            case javax.net.ssl.SSLException ssl -> "the TLS connection failed";
            case java.io.IOException io -> "the connection failed";
            default -> "the request could not be sent";
        };
        String message = e.getMessage();
        return message == null || message.isBlank() || message.contains("Exception") ? reason : reason + ": " + message;
    }
}
