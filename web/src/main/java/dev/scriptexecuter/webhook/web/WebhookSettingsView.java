package dev.scriptexecuter.webhook.web;

import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.web.CurrentUser;
import dev.scriptexecuter.web.Messages;
import dev.scriptexecuter.web.ScriptScopedPage;
import dev.scriptexecuter.webhook.boundary.DeliveryView;
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
    CurrentUser currentUser;

    private WebhookView current;
    private String url;
    private List<String> events = new ArrayList<>(List.of("failure", "timeout", "recovery"));
    private String secret;
    private List<DeliveryView> deliveries = List.of();

    public void load() {
        try {
            resolveScript();
            current = webhooks.find(getScriptId()).orElse(null);
            if (current != null) {
                url = current.url();
                events = new ArrayList<>(current.events());
            }
            deliveries = getScriptId() == null ? List.of() : webhooks.deliveriesOfScript(getScriptId());
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
        }
    }

    public void save() {
        WebhookDraft draft = new WebhookDraft(url, events, secret == null || secret.isEmpty() ? null : secret);
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
