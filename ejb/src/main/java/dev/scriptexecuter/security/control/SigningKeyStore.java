package dev.scriptexecuter.security.control;

import dev.scriptexecuter.security.entity.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Reads and writes the token signing key, each in a transaction of its own. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class SigningKeyStore {

    @PersistenceContext
    EntityManager em;

    public SigningKey find(String id) {
        return em.find(SigningKey.class, id);
    }

    public void insert(SigningKey key) {
        em.persist(key);
        em.flush();
    }
}
