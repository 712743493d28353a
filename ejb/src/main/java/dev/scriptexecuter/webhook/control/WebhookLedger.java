package dev.scriptexecuter.webhook.control;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;

import dev.scriptexecuter.secret.boundary.SecretCipher;
import dev.scriptexecuter.secret.boundary.SecretKeys;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.webhook.entity.Webhook;
import dev.scriptexecuter.webhook.entity.WebhookDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deliveries' side of the database, each step committed at once: which
 * are due, taking one for an attempt (one node only, by a conditional
 * update), and writing down how the attempt went.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class WebhookLedger {

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretKeys keys;

    public List<String> due(Instant now, int limit) {
        return em.createNamedQuery(WebhookDelivery.FIND_DUE, String.class)
                .setParameter("pending", WebhookDelivery.Status.PENDING).setParameter("now", column(now))
                .setMaxResults(limit).getResultList();
    }

    /** The delivery, now this node's until {@code until}; empty when another node took it first. */
    public Optional<WebhookDelivery> claim(String id, Instant now, Instant until) {
        int claimed = em.createQuery("UPDATE WebhookDelivery d SET d.nextAttemptAt = :until WHERE d.id = :id"
                        + " AND d.status = :pending AND d.nextAttemptAt <= :now")
                .setParameter("until", column(until)).setParameter("id", id)
                .setParameter("pending", WebhookDelivery.Status.PENDING).setParameter("now", column(now))
                .executeUpdate();
        return claimed == 1 ? Optional.ofNullable(em.find(WebhookDelivery.class, id)) : Optional.empty();
    }

    public void attempted(String id, Integer httpStatus, String error, Instant now, Instant retryAt) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, id);
        if (delivery != null) {
            delivery.attempted(httpStatus, error, now, retryAt);
        }
    }

    /** The signing secret of a webhook, opened; empty when it has none (or was deleted meanwhile). */
    public Optional<String> secret(String scope) {
        Webhook webhook = em.find(Webhook.class, scope);
        if (webhook == null || webhook.sealedSecret() == null) {
            return Optional.empty();
        }
        return Optional.of(keys.cipher().open(new SecretCipher.Sealed(webhook.keyId(), webhook.sealedSecret()),
                webhook.context()));
    }

    /**
     * Whether deliveries of this webhook may go to addresses inside the server's networks: when an admin
     * saved it last (only admins may point a webhook there); not when it was deleted meanwhile.
     */
    public boolean internalAllowed(String scope) {
        Webhook webhook = em.find(Webhook.class, scope);
        return webhook != null && em.createQuery("SELECT COUNT(u) FROM User u WHERE u.username = :name"
                + " AND u.role = :admin", Long.class).setParameter("name", webhook.updatedBy())
                .setParameter("admin", Role.ADMIN).getSingleResult() > 0;
    }
}
