package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.infrastructure.JsonBinder;
import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.infrastructure.UtcColumns;
import dev.scriptexecuter.script.control.EditMerge;
import dev.scriptexecuter.script.control.FireTimes;
import dev.scriptexecuter.script.control.ResumePlan;
import dev.scriptexecuter.script.entity.RunPolicy;
import dev.scriptexecuter.script.entity.Script.ScriptContent;
import dev.scriptexecuter.script.entity.Script;
import dev.scriptexecuter.script.entity.ScriptVersion;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way in to stored scripts: list, read, create, replace, patch and
 * delete. A script is checked completely before it is written, its next fire
 * time is planned in the same transaction, and the scheduler hears about the
 * change only once it is committed.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class ScriptService {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 500;
    public static final int MAX_VERSION_MESSAGE = 500;
    private static final String THE_SCRIPT = "The script";
    private static final Logger LOG = Logger.getLogger(ScriptService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    ScriptValidator validator;

    @Inject
    Event<ScriptChanged> changed;

    @Inject
    Event<ScriptDeleting> deleting;

    @Inject
    Event<OccurrencesUnclaimed> unclaimed;

    @Inject
    FireTimes fireTimes;

    @Resource
    SessionContext context;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    /** Most catch-up runs for occurrences missed while paused (as for those missed while no server ran). */
    @Inject
    @ConfigProperty(name = "ses.schedule.misfire-max", defaultValue = "100")
    int misfireMax;

    public ScriptPage list(int offset, int limit, String tag) {
        if (offset < 0) {
            throw RequestRejected.invalid("\"offset\" must be 0 or more; it is " + offset + ".").with("field", "offset");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw RequestRejected.invalid("\"limit\" must be between 1 and " + MAX_PAGE + "; it is " + limit + ".")
                    .with("field", "limit");
        }
        String checkedTag = tag == null || tag.isBlank() ? null : ScriptValidator.tag(tag);
        QueryFilter filter = new ScriptQuery(offset, limit, "name", true, null, null, checkedTag).filter();
        var items = filter.bind(em.createQuery("SELECT s FROM Script s" + filter.where() + " ORDER BY s.name, s.id",
                        Script.class)).setFirstResult(offset).setMaxResults(limit)
                .getResultStream().map(ScriptView::of).toList();
        long total = filter.bind(em.createQuery("SELECT COUNT(s) FROM Script s" + filter.where(), Long.class))
                .getSingleResult();
        return new ScriptPage(items, total, offset, limit);
    }

    /**
     * The scripts list of the dashboard: a sorted, filtered page of summaries,
     * without code or data. Not counted: the table counts once per load
     * ({@link #countSummaries}), not again for every page it reads.
     */
    public List<ScriptSummary> summaries(ScriptQuery query) {
        if (query.offset() < 0 || query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw RequestRejected.invalid("A page starts at 0 or later and holds 1 to " + MAX_PAGE + " scripts.");
        }
        QueryFilter filter = query.filter();
        return filter.bind(em.createQuery(ScriptSummary.SELECT + filter.where() + query.orderBy(), ScriptSummary.class))
                .setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList();
    }

    /** How many scripts the list's filters let through. */
    public long countSummaries(ScriptQuery query) {
        QueryFilter filter = query.filter();
        return filter.bind(em.createQuery("SELECT COUNT(s) FROM Script s" + filter.where(), Long.class))
                .getSingleResult();
    }

    /**
     * Pauses a script, until {@code until} when it is given: then it resumes by itself (on whichever node looks
     * first, within ses.schedule.resync). A script paused already keeps its pause's start and gets the new end
     * (none: paused until somebody resumes it). Resuming, by hand or by time, catches up the occurrences missed
     * meanwhile as the script's misfire policy says.
     */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public ScriptView pause(String id, Instant until) {
        Instant now = clock.instant();
        until = until == null ? null : until.truncatedTo(ChronoUnit.MILLIS);
        if (until != null && !until.isAfter(now)) {
            throw RequestRejected.invalid("\"until\" must be a time in the future; " + until + " is not (it is "
                    + now + " now).").with("field", "until");
        }
        if (load(id).active()) {
            patch(id, Json.PROVIDER.createObjectBuilder().add("active", false).build());
        }
        Script script = load(id);
        script.pauseUntil(until);
        audit.record(AuditAction.SCRIPT_UPDATED, Target.script(id, script.name()),
                until == null ? "paused" : "paused until " + until);
        return ScriptView.of(script);
    }

    /**
     * The scripts whose pause ended ({@code pausedUntil} passed): each is resumed in a transaction of its own,
     * by the first node to get to it (the others find it active, or lose on its version). Called by every
     * node's scheduler; returns how many this node resumed.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int resumeEndedPauses() {
        List<String> due = em.createQuery("SELECT s.id FROM Script s WHERE s.active = false"
                        + " AND s.pausedUntil IS NOT NULL AND s.pausedUntil <= :now", String.class)
                .setParameter("now", UtcColumns.column(clock.instant())).setMaxResults(100).getResultList();
        ScriptService self = context.getBusinessObject(ScriptService.class);
        int resumed = 0;
        for (String id : due) {
            try {
                resumed += self.resumeEndedPause(id) ? 1 : 0;
            } catch (RuntimeException e) {
                // another node resumed it first (its version moved on), or it is gone: nothing to do here
                LOG.log(Level.FINE, "Script " + id + " was not resumed here", e);
            }
        }
        return resumed;
    }

    /** Resumes one script whose pause ended, if it is still paused; true if this call did. */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean resumeEndedPause(String id) {
        Script script = em.find(Script.class, id);
        Instant now = clock.instant();
        if (script == null || script.active() || script.pausedUntil() == null || script.pausedUntil().isAfter(now)) {
            return false;
        }
        Instant until = script.pausedUntil();
        ScriptContent content = script.content(true);
        replan(script, content, now).ifPresent(unclaimed::fire);
        script.edit(content, now);
        em.flush();
        audit.record(AuditAction.SCRIPT_UPDATED, Target.script(id, script.name()),
                "resumed: its pause until " + until + " ended");
        changed.fire(new ScriptChanged(id));
        return true;
    }

    /** Pauses or resumes a script's schedule. */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public ScriptView setActive(String id, boolean active) {
        return patch(id, Json.PROVIDER.createObjectBuilder().add("active", active).build());
    }

    /** The next fire times a schedule would have from now, for a preview while editing it. */
    public java.util.List<Instant> preview(ScheduleSpec spec, int count) {
        Instant now = clock.instant();
        var schedule = new dev.scriptexecuter.script.control.ScheduleParser().parse(spec, null, now);
        var times = new java.util.ArrayList<Instant>();
        var next = schedule.firstAtOrAfter(now);
        while (next.isPresent() && times.size() < count) {
            times.add(next.get());
            next = schedule.firstAfter(next.get());
        }
        return times;
    }

    public ScriptView find(String id) {
        return ScriptView.of(load(id));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public ScriptView create(ScriptDraft draft) {
        Instant now = clock.instant();
        ScriptContent content = validator.validate(draft, null, now);
        String message = versionMessage(draft);
        requireAdminForNetwork(content, null);
        requireFreeName(content.name(), null);
        Script script = new Script(content.name(), now);
        script.edit(content, now);
        script.planNextFire(firstFire(content, now));
        int first = script.advanceVersion();
        em.persist(script);
        flush(content.name());
        em.persist(new ScriptVersion(script, first, caller(), message, now));
        audit.record(AuditAction.SCRIPT_CREATED, Target.script(script.id(), script.name()), "version 1");
        changed.fire(new ScriptChanged(script.id()));
        return ScriptView.of(script);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public ScriptView replace(String id, ScriptDraft draft) {
        return replace(id, draft, Precondition.NONE);
    }

    /** Replaces what the draft gives; a draft without {@code data} keeps the stored data. */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public ScriptView replace(String id, ScriptDraft draft, Precondition precondition) {
        Script script = load(id);
        precondition.check(() -> ScriptView.of(script), THE_SCRIPT);
        Instant now = clock.instant();
        ScriptContent content = validator.validate(draft, script, now);
        requireAdminForNetwork(content, script);
        requireFreeName(content.name(), id);
        boolean replan = content.active() != script.active() || !content.schedule().equals(script.schedule());
        Optional<OccurrencesUnclaimed> overtaken = replan ? replan(script, content, now) : Optional.empty();
        List<String> changes = script.changes(content);
        boolean newCode = Script.touchesCode(changes);
        String message = versionMessage(draft);
        script.edit(content, now);
        if (newCode) {
            em.persist(new ScriptVersion(script, script.advanceVersion(), caller(), message, now));
        }
        flush(content.name());
        overtaken.ifPresent(unclaimed::fire);
        auditChanges(script, changes, newCode);
        changed.fire(new ScriptChanged(id));
        return ScriptView.of(script);
    }

    /** Applies an RFC 7386 JSON merge patch, e.g. {@code {"active": false}}, then saves as {@link #replace}. */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public ScriptView patch(String id, JsonObject mergePatch) {
        return patch(id, mergePatch, Precondition.NONE);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public ScriptView patch(String id, JsonObject mergePatch, Precondition precondition) {
        ScriptView view = ScriptView.of(load(id));
        precondition.check(() -> view, THE_SCRIPT);
        JsonObject base = Json.parseObject(view.draft().toJson());
        ScriptDraft patched = JsonBinder.bind(Json.PROVIDER.createMergePatch(mergePatch).apply(base),
                ScriptDraft.class);
        return replace(id, mergePatch.containsKey("data") ? patched : patched.keepingData());
    }

    /**
     * Saves a person's edit of a copy they read earlier (the dashboard's
     * form): only the fields they changed are written, so what runs or others
     * changed meanwhile in the other fields stays; a field they changed that
     * was changed meanwhile too refuses the save with both values
     * ({@link EditConflict}).
     *
     * @param read    the script's fields as the person's copy had them ({@link ScriptView#draft()} when read)
     * @param edited  the person's fields; its {@code versionMessage} is kept with a new version
     * @param changed the names of the fields the person changed, as the API calls them
     */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public ScriptView saveEdit(String id, ScriptDraft read, ScriptDraft edited, java.util.Set<String> changed) {
        EditMerge.Result merge = EditMerge.merge(ScriptView.of(load(id)).draft().fields(), read.fields(),
                edited.fields(), changed);
        if (!merge.clean()) {
            throw new EditConflict(merge.conflicts().stream()
                    .map(c -> new EditConflict.Field(c.field(), c.yours(), c.theirs())).toList());
        }
        ScriptDraft merged = JsonBinder.bind(merge.merged(), ScriptDraft.class);
        merged = merged.withCode(merged.mainCode(), merged.triggerCode(), merged.requirements(),
                edited.versionMessage());
        return replace(id, changed.contains("data") ? merged : merged.keepingData());
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public void delete(String id) {
        delete(id, Precondition.NONE);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public void delete(String id, Precondition precondition) {
        Script script = load(id);
        precondition.check(() -> ScriptView.of(script), THE_SCRIPT);
        deleting.fire(new ScriptDeleting(id));
        em.remove(script);
        audit.record(AuditAction.SCRIPT_DELETED, Target.script(id, script.name()),
                "at version " + script.currentVersion());
        changed.fire(new ScriptChanged(id));
    }

    /** A person's change of the data gets an entry of its own; every other change one entry, naming the fields. */
    private void auditChanges(Script script, List<String> changes, boolean newCode) {
        Target target = Target.script(script.id(), script.name());
        if (changes.contains("data")) {
            audit.record(AuditAction.SCRIPT_DATA_EDITED, target, "data version " + script.dataVersion());
        }
        List<String> others = changes.stream().filter(field -> !field.equals("data")).toList();
        if (!others.isEmpty() || changes.isEmpty()) {
            audit.record(AuditAction.SCRIPT_UPDATED, target, (others.isEmpty() ? "saved without changes"
                    : "changed " + String.join(", ", others)) + (newCode ? "; now version " + script.currentVersion() : ""));
        }
    }

    private String caller() {
        return context.getCallerPrincipal().getName();
    }

    private static String versionMessage(ScriptDraft draft) {
        String message = draft.versionMessage();
        if (message == null || message.isBlank()) {
            return null;
        }
        if (message.length() > MAX_VERSION_MESSAGE) {
            throw RequestRejected.invalid("\"versionMessage\" holds up to " + MAX_VERSION_MESSAGE
                    + " characters; this one has " + message.length() + ".").with("field", "versionMessage");
        }
        return message.strip();
    }

    /**
     * Moves the script's next fire time to the new schedule's; an occurrence of the old one that came due and
     * that no node had claimed yet is handed to the scheduler to be recorded.
     */
    private Optional<OccurrencesUnclaimed> replan(Script script, ScriptContent content, Instant now) {
        Instant next = content.active() && !script.active()
                ? ResumePlan.next(content.schedule(), content.policy().misfire(), script.pausedAt(), now, misfireMax)
                : firstFire(content, now);
        Instant pending = fireTimes.replace(script.id(), next);
        // the same value on the entity, or its flush would write back the one it was loaded with
        script.planNextFire(next);
        if (pending == null || pending.isAfter(now)) {
            return Optional.empty();
        }
        String why = (content.active() ? "The script's schedule was changed" : "The script was paused") + " at " + now
                + ", before a node had started this occurrence (the node was behind); it was not run.";
        return Optional.of(new OccurrencesUnclaimed(script.id(), script.schedule(), pending, now, why));
    }

    private static Instant firstFire(ScriptContent content, Instant now) {
        return content.active() ? content.schedule().firstAtOrAfter(now).orElse(null) : null;
    }

    private Script load(String id) {
        Script script = id == null ? null : em.find(Script.class, id);
        if (script == null) {
            throw RequestRejected.notFound("There is no script with id '" + id + "'.");
        }
        return script;
    }

    /** What the sandbox lets a script reach (network, host paths) is an admin's decision; others may keep it. */
    private void requireAdminForNetwork(ScriptContent content, Script current) {
        if (context.isCallerInRole(Role.ADMIN_NAME)) {
            return;
        }
        RunPolicy before = current == null ? RunPolicy.defaults() : current.policy();
        RunPolicy after = content.policy();
        if (after.allowNetwork() != before.allowNetwork()) {
            throw adminOnly("allowNetwork", "network access for the script's sandbox");
        }
        if (!after.readOnlyPaths().equals(before.readOnlyPaths())) {
            throw adminOnly("readOnlyPaths", "host paths the script's sandbox shows");
        }
        if (!after.writablePaths().equals(before.writablePaths())) {
            throw adminOnly("writablePaths", "host paths the script's sandbox may write");
        }
    }

    private static RequestRejected adminOnly(String name, String meaning) {
        return RequestRejected.forbidden("Only an admin may change \"" + name + "\" (" + meaning + ").")
                .with("field", "policy." + name);
    }

    private void requireFreeName(String name, String ownId) {
        boolean taken = em.createNamedQuery(Script.FIND_BY_NAME, Script.class).setParameter("name", name)
                .getResultStream().anyMatch(other -> !Objects.equals(other.id(), ownId));
        if (taken) {
            throw nameTaken(name);
        }
    }

    /** Makes a unique-name race surface here, as a conflict, instead of at commit. */
    private void flush(String name) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw RequestRejected.conflict("The script was changed by somebody else meanwhile; reload it and try again.");
        } catch (PersistenceException e) {
            // two saves of new code at once both number their version the same: the second one loses
            if (causes(e).contains("script_version")) {
                throw RequestRejected.conflict("The script's code was changed by somebody else meanwhile; reload it"
                        + " and try again.");
            }
            if (causes(e).contains("script_name_unique")) {
                throw nameTaken(name);
            }
            throw e; // not a refusal of the request: the server's fault, answered as such
        }
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append('\n');
        }
        return text.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static RequestRejected nameTaken(String name) {
        return RequestRejected.conflict("A script named '" + name + "' exists already; choose another name.")
                .with("field", "name");
    }
}
