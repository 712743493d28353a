package dev.scriptexecuter.webhook.boundary;

import dev.scriptexecuter.webhook.entity.MailAlert;
import dev.scriptexecuter.webhook.entity.Webhook;

import java.time.Instant;
import java.util.List;

/**
 * E-mail alerts as the API shows them.
 *
 * @param scope "global", or the id of the script they belong to
 */
public record MailAlertView(String scope, List<String> to, List<String> events, Instant updatedAt, String updatedBy) {

    static MailAlertView of(MailAlert alert) {
        return new MailAlertView(alert.scope().equals(Webhook.GLOBAL) ? "global" : alert.scope(), alert.recipients(),
                alert.events().stream().map(event -> event.name().toLowerCase()).toList(), alert.updatedAt(),
                alert.updatedBy());
    }
}
