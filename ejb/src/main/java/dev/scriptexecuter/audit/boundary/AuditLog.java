package dev.scriptexecuter.audit.boundary;

import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;

/**
 * Where the boundaries write the audit log. An entry joins the transaction of
 * the action it records, so it exists exactly when the action took effect;
 * only refused attempts (a failed login) are written in a transaction of their
 * own, as the attempt itself rolls back. Open to every caller because only
 * server code calls it; reading the log is {@link AuditService}'s, for admins.
 */
@Stateless
@PermitAll
public class AuditLog {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    Clock clock;

    /** By the calling user, kept if the caller's transaction commits. */
    public void record(AuditAction action, Target target, String detail) {
        recordAs(context.getCallerPrincipal().getName(), action, target, detail, null);
    }

    /**
     * By a named actor (who is not the caller yet, as at a login), kept if the caller's transaction commits.
     * Written at once, so the database numbers an action's entries in the order they were recorded: at
     * commit the persistence provider would insert them in an order of its own.
     */
    public void recordAs(String actor, AuditAction action, Target target, String detail, String address) {
        em.persist(new AuditEntry(clock.instant(), actor, action, target, detail, address));
        em.flush();
    }

    /** Kept whatever happens to the caller's transaction: for attempts that are refused. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRefused(String actor, AuditAction action, Target target, String detail, String address) {
        recordAs(actor, action, target, detail, address);
    }
}
