package dev.scriptexecuter.webhook.control;

import dev.scriptexecuter.secret.boundary.SecretCipher;
import dev.scriptexecuter.secret.boundary.SecretsResealing;
import dev.scriptexecuter.webhook.entity.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/** Seals the webhooks' signing secrets again when every secret is resealed with a new key. */
@ApplicationScoped
public class WebhookSecrets {

    static final String KIND = "webhook signing secrets";

    @PersistenceContext
    EntityManager em;

    void reseal(@Observes SecretsResealing resealing) {
        SecretCipher cipher = resealing.cipher();
        List<Webhook> stale = em.createQuery("SELECT w FROM Webhook w WHERE w.sealedSecret IS NOT NULL"
                + " AND w.keyId <> :keyId", Webhook.class).setParameter("keyId", cipher.currentKeyId()).getResultList();
        for (Webhook webhook : stale) {
            String secret = cipher.open(new SecretCipher.Sealed(webhook.keyId(), webhook.sealedSecret()),
                    webhook.context());
            SecretCipher.Sealed sealed = cipher.seal(secret, webhook.context());
            webhook.reseal(sealed.keyId(), sealed.text());
        }
        resealing.resealed(KIND, stale.size());
    }
}
