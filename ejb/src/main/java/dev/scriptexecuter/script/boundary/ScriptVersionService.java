package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.control.UnifiedDiff;
import dev.scriptexecuter.script.entity.Script;
import dev.scriptexecuter.script.entity.ScriptVersion;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/**
 * The history of a script's code: its versions, what changed between two of
 * them, and rolling back, which saves an old version's code as a new version
 * through {@link ScriptService#replace} (checked like any other save).
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class ScriptVersionService {

    @PersistenceContext
    EntityManager em;

    @Inject
    ScriptService scripts;

    @Inject
    AuditLog audit;

    /** Newest first, without their code. */
    public List<ScriptVersionView> list(String scriptId) {
        int current = script(scriptId).currentVersion();
        return em.createNamedQuery(ScriptVersion.FIND_BY_SCRIPT, ScriptVersion.class)
                .setParameter("scriptId", scriptId).getResultStream()
                .map(version -> ScriptVersionView.of(version, current).withoutCode()).toList();
    }

    public ScriptVersionView find(String scriptId, int number) {
        return ScriptVersionView.of(version(scriptId, number), script(scriptId).currentVersion());
    }

    /** From {@code against} (by default the version before) to {@code number}. */
    public ScriptVersionDiff diff(String scriptId, int number, Integer against) {
        ScriptVersion to = version(scriptId, number);
        int fromNumber = against == null ? number - 1 : against;
        ScriptVersion from = fromNumber == 0 ? null : version(scriptId, fromNumber);
        String diff = file("main.py", from == null ? null : from.mainCode(), to.mainCode(), fromNumber, number)
                + file("trigger.py", from == null ? null : from.triggerCode(), to.triggerCode(), fromNumber, number)
                + file("requirements.txt", from == null ? null : from.requirements(), to.requirements(), fromNumber,
                number);
        return new ScriptVersionDiff(fromNumber, number, diff);
    }

    /** Saves version {@code number}'s code as the script's newest version; the rest of the script stays. */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public ScriptView rollback(String scriptId, int number, String message) {
        if (message != null && message.length() > ScriptService.MAX_VERSION_MESSAGE) {
            throw RequestRejected.invalid("\"message\" holds up to " + ScriptService.MAX_VERSION_MESSAGE
                    + " characters; this one has " + message.length() + ".").with("field", "message");
        }
        ScriptVersion target = version(scriptId, number);
        Script script = script(scriptId);
        if (target.matches(script)) {
            throw RequestRejected.conflict("The script's code is version " + number + "'s already (it is version "
                    + script.currentVersion() + "); there is nothing to roll back.");
        }
        ScriptDraft draft = scripts.find(scriptId).draft().keepingData().withCode(target.mainCode(),
                target.triggerCode(), target.requirements(),
                message == null || message.isBlank() ? "Rolled back to version " + number : message);
        ScriptView rolledBack = scripts.replace(scriptId, draft);
        audit.record(AuditAction.SCRIPT_ROLLED_BACK, Target.script(scriptId, rolledBack.name()),
                "to version " + number + "'s code, saved as version " + rolledBack.currentVersion());
        return rolledBack;
    }

    private static String file(String name, String before, String after, int from, int to) {
        return UnifiedDiff.of(before, after, "a/" + name + " (version " + from + ")",
                "b/" + name + " (version " + to + ")");
    }

    private Script script(String scriptId) {
        Script script = scriptId == null ? null : em.find(Script.class, scriptId);
        if (script == null) {
            throw RequestRejected.notFound("There is no script with id '" + scriptId + "'.");
        }
        return script;
    }

    private ScriptVersion version(String scriptId, int number) {
        script(scriptId);
        return em.createNamedQuery(ScriptVersion.FIND_ONE, ScriptVersion.class).setParameter("scriptId", scriptId)
                .setParameter("number", number).getResultStream().findFirst()
                .orElseThrow(() -> RequestRejected.notFound("Script '" + scriptId + "' has no version " + number
                        + "."));
    }
}
