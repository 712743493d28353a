package dev.scriptexecuter.security.web;

import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.security.boundary.ApiKeyDraft;
import dev.scriptexecuter.security.boundary.ApiKeyService;
import dev.scriptexecuter.security.boundary.ApiKeyView;
import dev.scriptexecuter.web.Messages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.PrimeFaces;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The API keys page: the keys the person may see (their own; an admin's, everybody's), a form that makes one,
 * and Revoke. A new key's secret goes to {@link NewApiKey}, which lives for the answer that shows it, never
 * into this page's state.
 */
@Named
@ViewScoped
public class ApiKeysView implements Serializable {

    /** Where a new key is shown; a refused create leaves the key shown before it there. */
    private static final String SECRET_PANEL = "secret";

    /** Moves the focus to the field with the new key, so that it is on screen and read out. */
    private static final String FOCUS_SECRET = "document.getElementById('newKey').focus();";

    @Inject
    ApiKeyService keys;

    @Inject
    NewApiKey newKey;

    private List<ApiKeyView> items = List.of();
    private Instant readAt;
    private String name;
    private KeyLifetime lifetime = KeyLifetime.DAYS_90;
    private String date;
    private String owner;

    /** The page is not kept for Back: it may come to show a key's secret, which must not come back with it. */
    @PostConstruct
    void open() {
        FacesContext.getCurrentInstance().getExternalContext().setResponseHeader("Cache-Control", "no-store");
        read();
    }

    /** Reads the keys again, as listed. */
    private void read() {
        readAt = Instant.now();
        items = keys.list();
    }

    public void create() {
        String named = name == null ? "" : name.strip();
        Map<String, String> fields = Map.of("name", "create:name", "owner", "create:owner",
                "expiresAt", lifetime == KeyLifetime.ON_DATE ? "create:date" : "create:lifetime");
        if (Messages.attempt(() -> newKey.show(keys.create(new ApiKeyDraft(name,
                lifetime.expiresAt(Instant.now(), date), owner))), () -> "API key '" + named + "' created.", fields)) {
            name = date = owner = null;
            lifetime = KeyLifetime.DAYS_90;
            PrimeFaces.current().ajax().update(SECRET_PANEL);
            PrimeFaces.current().executeScript(FOCUS_SECRET);
        }
        read();
    }

    /** Revokes the key as listed, whatever happened to it since (a key in use changes its last use). */
    public void revoke(ApiKeyView key) {
        Messages.attempt(() -> keys.revoke(key.id(), Precondition.NONE),
                () -> "API key '" + key.name() + "' revoked: requests with it are refused from now on.");
        read();
    }

    /** Whether the key had expired when the list was read. */
    public boolean expired(ApiKeyView key) {
        return key.expiresAt() != null && !key.expiresAt().isAfter(readAt);
    }

    public KeyLifetime[] getLifetimes() {
        return KeyLifetime.values();
    }

    /** The first date the date field offers: tomorrow, as a key ends at the start of its day (UTC). */
    public String getEarliestDate() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    }


    public List<ApiKeyView> getItems() {
        return items;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public KeyLifetime getLifetime() {
        return lifetime;
    }

    public void setLifetime(KeyLifetime lifetime) {
        this.lifetime = lifetime;
    }

    public String getDate() {
        return date;
    }

    public void setDate(String date) {
        this.date = date;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }
}
