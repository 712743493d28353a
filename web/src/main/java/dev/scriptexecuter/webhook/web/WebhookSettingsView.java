package dev.scriptexecuter.webhook.web;

import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.web.CurrentUser;
import dev.scriptexecuter.web.Messages;
import dev.scriptexecuter.web.ScriptScopedPage;
import dev.scriptexecuter.webhook.boundary.DeliveryView;
import dev.scriptexecuter.webhook.boundary.MailAlertDraft;
import dev.scriptexecuter.webhook.boundary.MailAlertService;
import dev.scriptexecuter.webhook.boundary.MailAlertView;
import dev.scriptexecuter.webhook.boundary.WebhookDraft;
import dev.scriptexecuter.webhook.boundary.WebhookService;
import dev.scriptexecuter.webhook.boundary.WebhookView;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;

/**
 * The webhook page: the global default webhook, or a script's own
 * ({@code ?script=id}) with the deliveries made for its runs. The signing
 * secret is write-only: left empty, a save keeps the current one.
 */
@Named
@ViewScoped
public class WebhookSettingsView extends ScriptScopedPage {

    @Inject
    WebhookService webhooks;

    @Inject
    MailAlertService mailAlerts;

    @Inject
    CurrentUser currentUser;

    private WebhookView current;
    private String url;
    private List<String> events = new ArrayList<>(List.of("failure", "timeout", "recovery"));
    private String secret;
    private String format = "json";
    private MailAlertView currentMail;
    private String mailTo;
    private List<String> mailEvents = new ArrayList<>(List.of("failure", "timeout", "recovery"));
    private List<DeliveryView> deliveries = List.of();

    public void load() {
        try {
            resolveScript();
            current = webhooks.find(getScriptId()).orElse(null);
            if (current != null) {
                url = current.url();
                events = new ArrayList<>(current.events());
                format = current.format();
            }
            currentMail = mailAlerts.find(getScriptId()).orElse(null);
            if (currentMail != null) {
                mailTo = String.join("\n", currentMail.to());
                mailEvents = new ArrayList<>(currentMail.events());
            }
            deliveries = getScriptId() == null ? List.of() : webhooks.deliveriesOfScript(getScriptId());
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
        }
    }

    public void save() {
        WebhookDraft draft = new WebhookDraft(url, events, secret == null || secret.isEmpty() ? null : secret, format);
        Messages.attempt(() -> {
            if (getScriptId() == null) {
                webhooks.setGlobal(draft, Precondition.matching(current));
            } else {
                webhooks.setForScript(getScriptId(), draft, Precondition.matching(current));
            }
        }, () -> "Saved the webhook.");
        secret = null;
        load();
    }

    public void delete() {
        Messages.attempt(() -> {
            if (getScriptId() == null) {
                webhooks.deleteGlobal(Precondition.matching(current));
            } else {
                webhooks.deleteForScript(getScriptId(), Precondition.matching(current));
            }
        }, () -> "Deleted the webhook.");
        current = null;
        url = null;
        load();
    }

    public void saveMail() {
        MailAlertDraft draft = new MailAlertDraft(mailTo == null ? List.of()
                : mailTo.lines().map(String::strip).filter(line -> !line.isEmpty()).toList(), mailEvents);
        boolean saved = Messages.attempt(() -> {
            if (getScriptId() == null) {
                mailAlerts.setGlobal(draft, Precondition.matching(currentMail));
            } else {
                mailAlerts.setForScript(getScriptId(), draft, Precondition.matching(currentMail));
            }
        }, () -> "Saved the e-mail alerts.");
        if (saved) {
            load();
        }
    }

    public void deleteMail() {
        Messages.attempt(() -> {
            if (getScriptId() == null) {
                mailAlerts.deleteGlobal(Precondition.matching(currentMail));
            } else {
                mailAlerts.deleteForScript(getScriptId(), Precondition.matching(currentMail));
            }
        }, () -> "Deleted the e-mail alerts.");
        currentMail = null;
        mailTo = null;
        load();
    }

    public MailAlertView getCurrentMail() {
        return currentMail;
    }

    public String getMailTo() {
        return mailTo;
    }

    public void setMailTo(String mailTo) {
        this.mailTo = mailTo;
    }

    public List<String> getMailEvents() {
        return mailEvents;
    }

    public void setMailEvents(List<String> mailEvents) {
        this.mailEvents = mailEvents;
    }

    public boolean isEditable() {
        return getScriptId() == null ? currentUser.isAdmin() : currentUser.isEditor();
    }

    public WebhookView getCurrent() {
        return current;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public List<String> getEvents() {
        return events;
    }

    public void setEvents(List<String> events) {
        this.events = events;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public List<DeliveryView> getDeliveries() {
        return deliveries;
    }
}
