package dev.scriptexecuter.webhook.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.script.boundary.ScriptScopes;
import dev.scriptexecuter.webhook.control.Mailer;
import dev.scriptexecuter.webhook.entity.MailAlert;
import dev.scriptexecuter.webhook.entity.Webhook;
import dev.scriptexecuter.webhook.entity.WebhookEvent;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * E-mail alerts: the global default (admins) and a script's own (its
 * editors). Their deliveries are the webhooks' (the same outbox, attempts and
 * retries), sent through the SMTP server the settings name.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class MailAlertService {

    static final int MAX_RECIPIENTS = 20;
    private static final String THE_ALERTS = "The e-mail alerts";

    @PersistenceContext
    EntityManager em;

    @Inject
    Mailer mailer;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    /** {@code scriptId} null for the global default. */
    public Optional<MailAlertView> find(String scriptId) {
        return Optional.ofNullable(em.find(MailAlert.class, scope(scriptId))).map(MailAlertView::of);
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public MailAlertView setGlobal(MailAlertDraft draft, Precondition precondition) {
        return set(null, draft, precondition);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public MailAlertView setForScript(String scriptId, MailAlertDraft draft, Precondition precondition) {
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

    private MailAlertView set(String scriptId, MailAlertDraft draft, Precondition precondition) {
        String scope = scope(scriptId);
        if (draft == null) {
            throw RequestRejected.invalid("Send {\"to\": [\"ops@example.org\"], \"events\": [\"failure\", \"overdue\"]}.");
        }
        if (!mailer.configured()) {
            throw RequestRejected.conflict("No SMTP server is set (ses.mail.host): e-mail alerts could not be sent.")
                    .with("field", "to");
        }
        List<String> to = recipients(draft.to());
        List<WebhookEvent> events = WebhookEvent.parse(draft.events());
        MailAlert existing = em.find(MailAlert.class, scope);
        precondition.check(() -> existing == null ? null : MailAlertView.of(existing), THE_ALERTS);
        MailAlert alert = existing == null ? new MailAlert(scope) : existing;
        alert.configure(to, events, context.getCallerPrincipal().getName(), clock.instant());
        if (existing == null) {
            em.persist(alert);
        }
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            throw RequestRejected.conflict("The e-mail alerts were changed by somebody else at the same moment;"
                    + " try again.");
        }
        audit.record(AuditAction.MAIL_ALERT_SET, target(scriptId), to.size() + " recipient(s) for " + events);
        return MailAlertView.of(alert);
    }

    private void delete(String scriptId, Precondition precondition) {
        MailAlert alert = em.find(MailAlert.class, scope(scriptId));
        if (alert == null) {
            throw RequestRejected.notFound(scriptId == null ? "There are no global e-mail alerts."
                    : "The script has no e-mail alerts of its own.");
        }
        precondition.check(() -> MailAlertView.of(alert), THE_ALERTS);
        em.remove(alert);
        audit.record(AuditAction.MAIL_ALERT_DELETED, target(scriptId), null);
    }

    /** 1 to {@value #MAX_RECIPIENTS} addresses, each one a mailbox as RFC 5322 writes it (no display names). */
    private static List<String> recipients(List<String> to) {
        if (to == null || to.isEmpty() || to.size() > MAX_RECIPIENTS) {
            throw RequestRejected.invalid("\"to\" holds 1 to " + MAX_RECIPIENTS + " e-mail addresses.")
                    .with("field", "to");
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            String address = to.get(i) == null ? "" : to.get(i).strip();
            if (!Mailer.validAddress(address)) {
                throw RequestRejected.invalid("\"" + to.get(i) + "\" is not an e-mail address such as ops@example.org.")
                        .with("field", "to[" + i + "]");
            }
            if (!checked.contains(address)) {
                checked.add(address);
            }
        }
        return checked;
    }

    private String scope(String scriptId) {
        return ScriptScopes.of(em, scriptId, Webhook.GLOBAL);
    }

    private static Target target(String scriptId) {
        return new Target("email", scriptId == null ? Webhook.GLOBAL : scriptId, null);
    }
}
