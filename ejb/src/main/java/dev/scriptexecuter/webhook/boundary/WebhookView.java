package dev.scriptexecuter.webhook.boundary;

import dev.scriptexecuter.webhook.control.WebhookUrls;
import dev.scriptexecuter.webhook.entity.Webhook;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as the API shows it: its signing secret never, only whether it
 * has one.
 *
 * @param scope "global", or the id of the script it belongs to
 */
public record WebhookView(String scope, String url, List<String> events, String format, boolean signed,
                          Instant updatedAt, String updatedBy) {

    /** The same with the URL cut to scheme and host, for those who may not change it. */
    WebhookView redacted() {
        return new WebhookView(scope, WebhookUrls.redacted(url), events, format, signed, updatedAt, updatedBy);
    }

    static WebhookView of(Webhook webhook) {
        return new WebhookView(webhook.scope().equals(Webhook.GLOBAL) ? "global" : webhook.scope(), webhook.url(),
                webhook.events().stream().map(event -> event.name().toLowerCase()).toList(),
                webhook.format().name().toLowerCase(), webhook.sealedSecret() != null, webhook.updatedAt(), webhook.updatedBy());
    }
}
