package dev.scriptexecuter.security.control;

import dev.scriptexecuter.security.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;

/** Looks accounts up by name for authentication, and records logins. */
@ApplicationScoped
public class UserDirectory {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public Optional<User> byUsername(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class).setParameter("username", username.trim())
                .getResultStream().findFirst();
    }

    /** The account whose name differs from this one at most by case. */
    public Optional<User> byUsernameIgnoringCase(String username) {
        return em.createNamedQuery(User.FIND_BY_USERNAME_IGNORING_CASE, User.class)
                .setParameter("key", User.key(username)).getResultStream().findFirst();
    }

    /** The account if it exists and may log in. */
    public Optional<User> enabled(String username) {
        return byUsername(username).filter(User::enabled);
    }

    public long count() {
        return em.createNamedQuery(User.COUNT_ALL, Long.class).getSingleResult();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordLogin(String userId) {
        User user = em.find(User.class, userId);
        if (user != null) {
            user.loggedIn(clock.instant());
        }
    }

    /** The account of a person at an identity provider, read in a transaction of its own (it sees the latest). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<User> externalNow(String issuer, String subject) {
        return em.createNamedQuery(User.FIND_EXTERNAL, User.class).setParameter("issuer", issuer)
                .setParameter("subject", subject).getResultStream().findFirst();
    }

    /**
     * The identity provider gives the account no role any more: disabled in a transaction of its own, which
     * stays when the refusal that follows rolls the caller's back.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean disableForProvider(String userId) {
        User user = em.find(User.class, userId);
        if (user == null || !user.enabled()) {
            return false;
        }
        user.disableForProvider();
        return true;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void insert(User user) {
        em.persist(user);
        em.flush();
    }
}
