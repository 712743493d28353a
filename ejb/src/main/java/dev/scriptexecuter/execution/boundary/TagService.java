package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.execution.control.TagSlotsFreed;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.execution.entity.TagLimit;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.script.boundary.ScriptValidator;
import dev.scriptexecuter.script.entity.Script;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tags and their concurrency limits: at most {@code limit} runs of scripts carrying a tag run at once on
 * the whole cluster; the others wait (WAITING, saying for which tag) and begin, oldest first, as slots are
 * given back. Scripts are tagged where they are saved; limits are the admins'.
 */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class TagService {

    static final int MAX_LIMIT = 10_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    Event<TagSlotsFreed> slotsFreed;

    @Resource
    SessionContext context;

    /** Every tag a script carries or a limit names, by name. */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public List<TagView> list() {
        Map<String, Long> scripts = new TreeMap<>();
        em.createQuery("SELECT s.tags FROM Script s WHERE s.tags IS NOT NULL", String.class).getResultStream()
                .forEach(tags -> Script.tagsOf(tags).forEach(tag -> scripts.merge(tag, 1L, Long::sum)));
        Map<String, TagLimit> limits = new HashMap<>();
        em.createQuery("SELECT l FROM TagLimit l", TagLimit.class).getResultStream()
                .forEach(limit -> limits.put(limit.tag(), limit));
        Map<String, Long> waiting = new HashMap<>();
        em.createQuery("SELECT r.waitingFor, COUNT(r) FROM Run r WHERE r.status = :waiting AND r.waitingFor IS NOT NULL"
                        + " GROUP BY r.waitingFor", Object[].class).setParameter("waiting", RunStatus.WAITING)
                .getResultStream().forEach(row -> waiting.put((String) row[0], ((Number) row[1]).longValue()));
        limits.keySet().forEach(tag -> scripts.putIfAbsent(tag, 0L));
        return scripts.entrySet().stream().map(entry -> {
            TagLimit limit = limits.get(entry.getKey());
            return new TagView(entry.getKey(), entry.getValue(), limit == null ? null : limit.maxRunning(),
                    limit == null ? 0 : limit.running(), waiting.getOrDefault(entry.getKey(), 0L));
        }).filter(view -> view.scripts() > 0 || view.limit() != null || view.running() > 0).toList();
    }

    /** Sets (or changes) a tag's limit; raising it lets waiting runs begin at once. */
    public TagView setLimit(String tag, TagLimitDraft draft) {
        String name = name(tag);
        if (draft == null || draft.limit() == null || draft.limit() < 1 || draft.limit() > MAX_LIMIT) {
            throw RequestRejected.invalid("\"limit\" must be between 1 and " + MAX_LIMIT + " (runs at once on the"
                    + " whole cluster); to have none, DELETE the limit.").with("field", "limit");
        }
        TagLimit limit = em.find(TagLimit.class, name);
        if (limit == null) {
            limit = new TagLimit(name);
            limit.limit(draft.limit(), caller(), clock.instant());
            em.persist(limit);
        } else {
            limit.limit(draft.limit(), caller(), clock.instant());
        }
        em.flush();
        audit.record(AuditAction.TAG_LIMIT_SET, new Target("tag", name, name), "at most " + draft.limit()
                + " runs at once");
        slotsFreed.fire(new TagSlotsFreed());
        return view(name);
    }

    /** No limit any more (the runs holding slots still give them back); the waiting runs begin. */
    public void removeLimit(String tag) {
        String name = name(tag);
        TagLimit limit = em.find(TagLimit.class, name);
        if (limit == null || limit.maxRunning() == null) {
            throw RequestRejected.notFound("Tag '" + name + "' has no limit.");
        }
        limit.limit(null, caller(), clock.instant());
        audit.record(AuditAction.TAG_LIMIT_REMOVED, new Target("tag", name, name), "no limit");
        slotsFreed.fire(new TagSlotsFreed());
    }

    private TagView view(String tag) {
        return list().stream().filter(view -> view.tag().equals(tag)).findFirst()
                .orElseThrow(() -> RequestRejected.notFound("There is no tag '" + tag + "'."));
    }

    private static String name(String tag) {
        return ScriptValidator.tag(tag);
    }

    private String caller() {
        return context.getCallerPrincipal().getName();
    }
}
