package dev.scriptexecuter.webhook.boundary;

import dev.scriptexecuter.webhook.control.WebhookUrls;
import dev.scriptexecuter.webhook.entity.WebhookDelivery;

import java.time.Instant;

/** A delivery and its attempts so far, as the API and the dashboard show it (the URL cut to scheme and host). */
public record DeliveryView(String id, String runId, String event, String url, String status, int attempts,
                           Integer lastStatus, String lastError, Instant createdAt, Instant nextAttemptAt,
                           Instant deliveredAt) {

    static DeliveryView of(WebhookDelivery delivery) {
        return new DeliveryView(delivery.id(), delivery.runId(), delivery.event().name().toLowerCase(),
                WebhookUrls.redacted(delivery.url()),
                delivery.status().name(), delivery.attempts(), delivery.lastStatus(), delivery.lastError(),
                delivery.createdAt(), delivery.status() == WebhookDelivery.Status.PENDING ? delivery.nextAttemptAt()
                : null, delivery.deliveredAt());
    }
}
