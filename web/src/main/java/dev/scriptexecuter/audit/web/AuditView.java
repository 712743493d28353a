package dev.scriptexecuter.audit.web;

import dev.scriptexecuter.audit.boundary.AuditEntryView;
import dev.scriptexecuter.audit.boundary.AuditQuery;
import dev.scriptexecuter.audit.boundary.AuditService;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.web.KeyedLazyModel;
import dev.scriptexecuter.web.Messages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit log page for admins: who did what and when, newest first, a page
 * at a time, filtered by actor, action, target id and how far back.
 */
@Named
@ViewScoped
public class AuditView implements Serializable {

    @Inject
    AuditService audit;

    private String actor;
    private String action;
    private String target;
    /** An ISO-8601 duration back from now (PT1H, P1D, P7D); empty for all time. */
    private String back;
    private KeyedLazyModel<AuditEntryView> entries;

    @PostConstruct
    void init() {
        entries = new KeyedLazyModel<>(AuditEntryView::id) {

            /** Counted once per load; a filter the log refuses is said here, once, and shows nothing. */
            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                try {
                    return (int) Math.min(Integer.MAX_VALUE, audit.count(query(0, 1)));
                } catch (RequestRejected e) {
                    Messages.error(e.getMessage());
                    return 0;
                }
            }

            @Override
            public List<AuditEntryView> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                             Map<String, FilterMeta> filterBy) {
                try {
                    return audit.entries(query(first, Math.max(1, Math.min(pageSize, AuditService.MAX_PAGE))));
                } catch (RequestRejected e) {
                    return List.of(); // the count said why
                }
            }
        };
    }

    private AuditQuery query(int offset, int limit) {
        Instant since = back == null || back.isBlank() ? null : Instant.now().minus(Duration.parse(back));
        return new AuditQuery(actor, action, target, since, null, offset, limit);
    }

    public AuditAction[] getActions() {
        return AuditAction.values();
    }

    public KeyedLazyModel<AuditEntryView> getEntries() {
        return entries;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getBack() {
        return back;
    }

    public void setBack(String back) {
        this.back = back;
    }
}
