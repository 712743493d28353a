package dev.scriptexecuter.security.control;

import dev.scriptexecuter.security.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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
     * The identity provider gives the account no role any more: disabled (if it is still enabled) in a
     * transaction of its own, which stays when the refusal that follows rolls the caller's back. Under a row lock:
     * requests at the same moment wait for each other instead of failing on the account's version.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean disableForProvider(String userId) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null || !user.enabled()) {
            return false;
        }
        user.disableForProvider();
        return true;
    }

    /**
     * The role the provider gives now, in the caller's transaction, under a row lock (the account read again as
     * the last request left it); whether it changed anything. An account an admin disabled is left alone.
     */
    public boolean roleFromProvider(User user, dev.scriptexecuter.infrastructure.Role role) {
        if (user.role() == role && user.enabled()) {
            return false; // as it was read: most API requests end here, without a lock
        }
        lock(user);
        if (!user.enabled() && !user.providerDisabled() || user.role() == role && user.enabled()) {
            return false;
        }
        user.roleFromProvider(role);
        return true;
    }

    /** The account read again under a row lock, for a change requests at the same moment must not race on. */
    public void lock(User user) {
        em.refresh(user, LockModeType.PESSIMISTIC_WRITE);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void insert(User user) {
        em.persist(user);
        em.flush();
    }
}
