package dev.scriptexecuter.environment.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.environment.control.EnvironmentLedger;
import dev.scriptexecuter.environment.entity.EnvironmentStatus;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.script.boundary.ScriptChanged;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python environments: who uses them, how their builds went, and (for
 * admins) rebuilding and deleting them. Saving a script with requirements
 * starts building its environment in the background, so its first run does
 * not wait for pip.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class EnvironmentService {

    private static final int SCRIPTS_SHOWN = 50;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Environments environments;

    @Inject
    EnvironmentLedger ledger;

    public List<EnvironmentView> list() {
        return views(null);
    }

    public EnvironmentView find(String id) {
        return views(id).stream().findFirst().orElseThrow(() -> notFound(id));
    }

    /**
     * The environment a script runs in, as its page shows it after a save; empty for a script without
     * requirements, or one whose environment is not known yet.
     */
    public Optional<EnvironmentView> ofScript(String scriptId) {
        return ledger.requirementsOfScript(scriptId).flatMap(script -> views(script[0]).stream().findFirst());
    }

    /** Every environment, or (id not null) just that one. */
    private List<EnvironmentView> views(String id) {
        String only = id == null ? "" : " WHERE e.id = :id";
        String onlyScripts = id == null ? "" : " AND s.requirementsHash = :id";
        var rowQuery = em.createQuery("SELECT e.id, e.requirements, e.status, e.sizeBytes, e.builds,"
                + " e.buildMillis, e.builtOn, e.python, e.createdAt, e.builtAt, e.lastUsedAt, e.unusedSince, e.error,"
                + " e.nextBuildAt, e.failedBuilds"
                + " FROM Environment e" + only + " ORDER BY e.createdAt DESC, e.id", Object[].class);
        var countQuery = em.createQuery("SELECT s.requirementsHash, COUNT(s) FROM Script s WHERE s.requirementsHash IS NOT NULL"
                + onlyScripts + " GROUP BY s.requirementsHash", Object[].class);
        var scriptQuery = em.createQuery("SELECT s.requirementsHash, s.id, s.name FROM Script s"
                + " WHERE s.requirementsHash IS NOT NULL" + onlyScripts + " ORDER BY s.name", Object[].class);
        if (id != null) {
            rowQuery.setParameter("id", id);
            countQuery.setParameter("id", id);
            scriptQuery.setParameter("id", id).setMaxResults(SCRIPTS_SHOWN);
        }
        List<Object[]> rows = rowQuery.getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Long> counts = new HashMap<>();
        countQuery.getResultList().forEach(row -> counts.put((String) row[0], (Long) row[1]));
        Map<String, List<EnvironmentView.ScriptRef>> scripts = new HashMap<>();
        scriptQuery.getResultList().forEach(row -> {
            List<EnvironmentView.ScriptRef> refs = scripts.computeIfAbsent((String) row[0], k -> new ArrayList<>());
            if (refs.size() < SCRIPTS_SHOWN) {
                refs.add(new EnvironmentView.ScriptRef((String) row[1], (String) row[2]));
            }
        });
        return rows.stream().map(row -> view(row, counts.getOrDefault((String) row[0], 0L),
                scripts.getOrDefault((String) row[0], List.of()))).toList();
    }

    /** pip's output of the latest build, capped at ses.env.install-log-max-bytes. */
    public String log(String id) {
        if (ledger.find(id).isEmpty()) {
            throw notFound(id);
        }
        return ledger.installLog(id).orElse("");
    }

    /** Starts a new build; the current one stays in use until the new one succeeded. */
    @RolesAllowed(Role.ADMIN_NAME)
    public EnvironmentView rebuild(String id) {
        environments.rebuild(id);
        audit.record(AuditAction.ENVIRONMENT_REBUILT, Target.environment(id), null);
        return find(id);
    }

    /** Deletes an environment no script uses; its files on this node go with it. */
    @RolesAllowed(Role.ADMIN_NAME)
    public void delete(String id) {
        EnvironmentView environment = find(id);
        if (environment.scriptCount() > 0) {
            throw RequestRejected.conflict("Environment " + id + " is used by " + environment.scriptCount()
                    + " script(s), such as '" + environment.scripts().getFirst().name()
                    + "'; change their requirements first.").with("scripts", environment.scriptCount());
        }
        environments.remove(id);
        ledger.delete(id);
        audit.record(AuditAction.ENVIRONMENT_DELETED, Target.environment(id), null);
    }

    /** A script with requirements was saved: build its environment now rather than at its first run. */
    @PermitAll
    public void onScriptChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScriptChanged change) {
        ledger.requirementsOfScript(change.scriptId()).ifPresent(script -> environments.prepareInBackground(script[1]));
    }

    private EnvironmentView view(Object[] row, long scriptCount, List<EnvironmentView.ScriptRef> scripts) {
        String id = (String) row[0];
        List<String> packages = ((String) row[1]).lines().filter(line -> !line.isBlank()).toList();
        return new EnvironmentView(id, packages, ((EnvironmentStatus) row[2]).name(),
                environments.installed(id).isPresent(), environments.building(id), (Long) row[3], (Integer) row[4],
                (Long) row[5], (String) row[6], (String) row[7], instant(row[8]), instant(row[9]), instant(row[10]),
                instant(row[11]), scriptCount, scripts, (String) row[12], instant(row[13]), (Integer) row[14]);
    }

    private static Instant instant(Object column) {
        return column == null ? null : dev.scriptexecuter.infrastructure.UtcColumns.instant((java.time.LocalDateTime) column);
    }

    private static RequestRejected notFound(String id) {
        return RequestRejected.notFound("There is no environment with id '" + id + "'.");
    }
}
