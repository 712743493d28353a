package dev.scriptexecuter.webhook.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.script.boundary.ScriptScopes;
import dev.scriptexecuter.secret.boundary.SecretCipher;
import dev.scriptexecuter.secret.boundary.SecretKeys;
import dev.scriptexecuter.webhook.control.WebhookUrls;
import dev.scriptexecuter.webhook.entity.Webhook;
import dev.scriptexecuter.webhook.entity.WebhookDelivery;
import dev.scriptexecuter.webhook.entity.WebhookEvent;
import dev.scriptexecuter.webhook.entity.WebhookFormat;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Failure webhooks: the global default (admins) and a script's own (its
 * editors), and the deliveries made, with their attempts.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class WebhookService {

    private static final String THE_WEBHOOK = "The webhook";

    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 512;
    static final int RECENT = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretKeys keys;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    /** {@code scriptId} null for the global default. */
    public Optional<WebhookView> find(String scriptId) {
        return Optional.ofNullable(em.find(Webhook.class, scope(scriptId)))
                .map(webhook -> mayEdit(scriptId) ? WebhookView.of(webhook) : WebhookView.of(webhook).redacted());
    }

    /** Whoever may change a webhook sees its URL whole; others only its scheme and host. */
    private boolean mayEdit(String scriptId) {
        return context.isCallerInRole(Role.ADMIN_NAME) || scriptId != null && context.isCallerInRole(Role.USER_NAME);
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public WebhookView setGlobal(WebhookDraft draft, Precondition precondition) {
        return set(null, draft, precondition);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public WebhookView setForScript(String scriptId, WebhookDraft draft, Precondition precondition) {
        return set(scriptId, draft, precondition);
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public void deleteGlobal(Precondition precondition) {
        delete(null, precondition);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public void deleteForScript(String scriptId, Precondition precondition) {
        delete(scriptId, precondition);
    }

    /** A script's deliveries, newest first (the last {@value #RECENT}). */
    public List<DeliveryView> deliveriesOfScript(String scriptId) {
        scope(scriptId);
        return em.createNamedQuery(WebhookDelivery.FIND_BY_SCRIPT, WebhookDelivery.class)
                .setParameter("scriptId", scriptId).setMaxResults(RECENT).getResultStream().map(DeliveryView::of)
                .toList();
    }

    public List<DeliveryView> deliveriesOfRun(String runId) {
        return em.createNamedQuery(WebhookDelivery.FIND_BY_RUN, WebhookDelivery.class).setParameter("runId", runId)
                .getResultStream().map(DeliveryView::of).toList();
    }

    private WebhookView set(String scriptId, WebhookDraft draft, Precondition precondition) {
        String scope = scope(scriptId);
        if (draft == null) {
            throw RequestRejected.invalid("Send {\"url\": \"https://...\", \"events\": [\"failure\", \"timeout\","
                    + " \"recovery\"], \"secret\": \"...\", \"format\": \"json\"}.");
        }
        String url = url(draft.url());
        if (!context.isCallerInRole(Role.ADMIN_NAME)) {
            WebhookUrls.internal(URI.create(url).getHost()).ifPresent(reason -> {
                throw RequestRejected.forbidden("Only an admin may send webhooks there: " + reason + ".")
                        .with("field", "url");
            });
        }
        List<WebhookEvent> events = WebhookEvent.parse(draft.events());
        Webhook existing = em.find(Webhook.class, scope);
        precondition.check(() -> existing == null ? null : WebhookView.of(existing), THE_WEBHOOK);
        boolean created = existing == null;
        Webhook webhook = created ? new Webhook(scope) : existing;
        // no secret in the draft keeps the current one; an empty one removes it
        String keyId = draft.secret() == null ? webhook.keyId() : null;
        String sealed = draft.secret() == null ? webhook.sealedSecret() : null;
        if (draft.secret() != null && !draft.secret().isEmpty()) {
            if (draft.secret().length() < MIN_SECRET || draft.secret().length() > MAX_SECRET) {
                throw RequestRejected.invalid("A webhook's secret has " + MIN_SECRET + " to " + MAX_SECRET
                        + " characters.").with("field", "secret");
            }
            SecretCipher.Sealed sealedSecret = keys.cipher().seal(draft.secret(), webhook.context());
            keyId = sealedSecret.keyId();
            sealed = sealedSecret.text();
        }
        webhook.configure(url, events, format(draft.format()), keyId, sealed, context.getCallerPrincipal().getName(),
                clock.instant());
        if (created) {
            em.persist(webhook);
        }
        flush();
        audit.record(AuditAction.WEBHOOK_SET, target(scriptId), WebhookUrls.redacted(url) + " for " + events
                + ", " + webhook.format().name().toLowerCase() + (sealed == null ? ", unsigned" : ", signed"));
        return WebhookView.of(webhook);
    }

    private void delete(String scriptId, Precondition precondition) {
        Webhook webhook = em.find(Webhook.class, scope(scriptId));
        if (webhook == null) {
            throw RequestRejected.notFound(scriptId == null ? "There is no global webhook."
                    : "The script has no webhook of its own.");
        }
        precondition.check(() -> WebhookView.of(webhook), THE_WEBHOOK);
        em.remove(webhook);
        audit.record(AuditAction.WEBHOOK_DELETED, target(scriptId), WebhookUrls.redacted(webhook.url()));
    }

    /** Two saves of a new webhook at the same moment: the second gets a sentence, not a 500. */
    private void flush() {
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            throw RequestRejected.conflict("The webhook was changed by somebody else at the same moment; try again.");
        }
    }

    private static Target target(String scriptId) {
        return new Target("webhook", scriptId == null ? Webhook.GLOBAL : scriptId, null);
    }

    private static String url(String text) {
        try {
            URI uri = URI.create(text == null ? "" : text.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.toString().length() > 2000) {
                throw new IllegalArgumentException();
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw RequestRejected.invalid("\"url\" must be an http or https URL of up to 2000 characters; \"" + text
                    + "\" is not one.").with("field", "url");
        }
    }

    /** "json" (also when absent), "slack" or "teams", in any case. */
    private static WebhookFormat format(String name) {
        if (name == null) {
            return WebhookFormat.JSON;
        }
        return Arrays.stream(WebhookFormat.values()).filter(f -> f.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> RequestRejected.invalid("\"format\" is json, slack or teams; \"" + name
                        + "\" is none of them.").with("field", "format"));
    }

    private String scope(String scriptId) {
        return ScriptScopes.of(em, scriptId, Webhook.GLOBAL);
    }
}
