package dev.scriptexecuter.variable.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.Precondition;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.script.boundary.ScriptScopes;
import dev.scriptexecuter.secret.boundary.SecretCipher;
import dev.scriptexecuter.secret.boundary.SecretKeys;
import dev.scriptexecuter.secret.boundary.SecretsResealing;
import dev.scriptexecuter.variable.entity.Variable;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.List;

/**
 * Global variables (admins set them) and a script's own (its editors set
 * them). A secret is sealed before it is stored and never given out again;
 * the audit log notes every change without the value.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class VariableService {

    private static final String THE_VARIABLE = "The variable";

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretKeys keys;

    @Inject
    AuditLog audit;

    @Inject
    Event<SecretsResealing> resealing;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    /** A scope's variables by name; {@code scriptId} null for the global ones. */
    public List<VariableView> list(String scriptId) {
        return em.createNamedQuery(Variable.FIND_IN_SCOPE, Variable.class).setParameter("scope", scope(scriptId))
                .getResultStream().map(VariableView::of).toList();
    }

    /** One variable of a scope ({@code scriptId} null: global), a secret without its value. */
    public VariableView find(String scriptId, String name) {
        return VariableView.of(existing(scriptId, name));
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public VariableView setGlobal(String name, VariableDraft draft, Precondition precondition) {
        return set(null, name, draft, precondition);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public VariableView setForScript(String scriptId, String name, VariableDraft draft, Precondition precondition) {
        return set(scriptId, name, draft, precondition);
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public void deleteGlobal(String name, Precondition precondition) {
        delete(null, name, precondition);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    public void deleteForScript(String scriptId, String name, Precondition precondition) {
        delete(scriptId, name, precondition);
    }

    /**
     * Seals every secret not sealed with the current key again with it: the variables here, the other
     * components' (webhook signing secrets) through {@link SecretsResealing}; gives how many. After a key rotation.
     */
    @RolesAllowed(Role.ADMIN_NAME)
    public int reseal() {
        SecretCipher cipher = keys.cipher();
        List<Variable> stale = em.createNamedQuery(Variable.FIND_SEALED_NOT_WITH, Variable.class)
                .setParameter("keyId", cipher.currentKeyId()).getResultList();
        for (Variable variable : stale) {
            String value = cipher.open(new SecretCipher.Sealed(variable.keyId(), variable.sealedValue()),
                    variable.context());
            SecretCipher.Sealed sealed = cipher.seal(value, variable.context());
            variable.reseal(sealed.keyId(), sealed.text());
        }
        SecretsResealing others = new SecretsResealing(cipher);
        resealing.fire(others);
        int count = stale.size() + others.counts().values().stream().mapToInt(Integer::intValue).sum();
        String detail = others.counts().entrySet().stream().map(kind -> kind.getValue() + " of them " + kind.getKey())
                .reduce((a, b) -> a + ", " + b).map(text -> " (" + text + ")").orElse("");
        audit.record(AuditAction.SECRETS_RESEALED, null, count + " secret(s)" + detail + " sealed with key "
                + cipher.currentKeyId());
        return count;
    }

    private VariableView set(String scriptId, String name, VariableDraft draft, Precondition precondition) {
        String scope = scope(scriptId);
        VariableRules.name(name);
        boolean secret = draft != null && Boolean.TRUE.equals(draft.secret());
        String value = VariableRules.value(draft == null ? null : draft.value(), secret);
        Variable existing = stored(scope, name);
        precondition.check(() -> existing == null ? null : VariableView.of(existing), THE_VARIABLE);
        boolean created = existing == null;
        Variable variable = created ? new Variable(scope, name) : existing;
        String by = context.getCallerPrincipal().getName();
        if (secret) {
            SecretCipher.Sealed sealed = keys.cipher().seal(value, variable.context());
            variable.setSealed(sealed.keyId(), sealed.text(), by, clock.instant());
        } else {
            variable.setPlain(value, by, clock.instant());
        }
        if (created) {
            em.persist(variable);
        }
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            throw RequestRejected.conflict("The variable " + name + " was changed by somebody else at the same moment;"
                    + " try again.");
        }
        audit.record(AuditAction.VARIABLE_SET, target(scriptId, name), (secret ? "secret" : "plain value")
                + (created ? ", new" : ", replaced"));
        return VariableView.of(variable);
    }

    private void delete(String scriptId, String name, Precondition precondition) {
        Variable variable = existing(scriptId, name);
        precondition.check(() -> VariableView.of(variable), THE_VARIABLE);
        em.remove(variable);
        audit.record(AuditAction.VARIABLE_DELETED, target(scriptId, name), variable.secret() ? "secret" : null);
    }

    private Variable existing(String scriptId, String name) {
        Variable variable = stored(scope(scriptId), name);
        if (variable == null) {
            throw RequestRejected.notFound("There is no " + (scriptId == null ? "global " : "")
                    + "variable named '" + name + "'" + (scriptId == null ? "" : " for this script") + ".");
        }
        return variable;
    }

    private static Target target(String scriptId, String name) {
        return new Target("variable", scriptId == null ? Variable.GLOBAL : scriptId, name);
    }

    private Variable stored(String scope, String name) {
        return em.createNamedQuery(Variable.FIND_ONE, Variable.class).setParameter("scope", scope)
                .setParameter("name", name).getResultStream().findFirst().orElse(null);
    }

    private String scope(String scriptId) {
        return ScriptScopes.of(em, scriptId, Variable.GLOBAL);
    }
}
