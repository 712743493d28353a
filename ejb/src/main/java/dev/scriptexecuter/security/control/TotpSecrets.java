package dev.scriptexecuter.security.control;

import dev.scriptexecuter.secret.boundary.SecretCipher;
import dev.scriptexecuter.secret.boundary.SecretKeys;
import dev.scriptexecuter.secret.boundary.SecretsResealing;
import dev.scriptexecuter.security.entity.RecoveryCode;
import dev.scriptexecuter.security.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An account's second factor as stored: its TOTP secret sealed with the secrets key (the account's id as
 * associated data, so a secret copied to another account does not open), and its recovery codes. A code is
 * accepted once: a one-time password by a conditional update of the last step used, a recovery code by one
 * of its row, so two logins racing with the same code cannot both pass.
 */
@ApplicationScoped
public class TotpSecrets {

    static final String KIND = "two-factor secrets";

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretKeys keys;

    @Inject
    Clock clock;

    /** What accepted a code. */
    public enum Accepted { ONE_TIME_PASSWORD, RECOVERY_CODE }

    /** A new secret waits for its confirmation on the account; returns it (base 32) to be shown once. */
    public String enrol(User user) {
        String secret = TwoFactorCodes.newSecret();
        SecretCipher.Sealed sealed = keys.cipher().seal(secret, user.totpContext());
        user.enrolTotp(sealed.keyId(), sealed.text());
        return secret;
    }

    /**
     * The account, its row locked until the transaction ends and read again: codes of one account are checked
     * one at a time on the whole cluster, each after the failures of those before it were counted (see
     * {@link CredentialCheck}), so a burst of guesses in parallel gets no more tries than one after another.
     */
    public User lockedForCode(User user) {
        em.refresh(user, LockModeType.PESSIMISTIC_WRITE);
        return user;
    }

    /** The step of a code from the pending secret, if it is one; the enrolment is confirmed then. */
    public OptionalLong confirm(User user, String code) {
        if (user.totpPendingSecret() == null) {
            return OptionalLong.empty();
        }
        Totp pending = opened(user, user.totpPendingKeyId(), user.totpPendingSecret());
        OptionalLong step = pending.match(code, clock.instant(), Long.MIN_VALUE);
        step.ifPresent(matched -> user.confirmTotp(clock.instant(), matched));
        return step;
    }

    /** A one-time password (not used before) or an unused recovery code of this account, accepted once. */
    public Optional<Accepted> accept(User user, String typed) {
        if (!user.twoFactor() || typed == null) {
            return Optional.empty();
        }
        if (TwoFactorCodes.isRecoveryCode(typed)) {
            return useRecoveryCode(user, typed) ? Optional.of(Accepted.RECOVERY_CODE) : Optional.empty();
        }
        Totp totp = opened(user, user.totpKeyId(), user.totpSecret());
        OptionalLong step = totp.match(typed, clock.instant(), user.totpLastStep());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        int claimed = em.createQuery("UPDATE User u SET u.totpLastStep = :step WHERE u.id = :id"
                        + " AND (u.totpLastStep IS NULL OR u.totpLastStep < :step)")
                .setParameter("step", step.getAsLong()).setParameter("id", user.id()).executeUpdate();
        if (claimed == 0) {
            return Optional.empty();
        }
        // the update moved the row's version on: the account as it is now, for whatever the caller changes next
        em.refresh(user, LockModeType.PESSIMISTIC_WRITE);
        return Optional.of(Accepted.ONE_TIME_PASSWORD);
    }

    /** The account's secret (in use or pending) as it was sealed for it. */
    private Totp opened(User user, String keyId, String sealed) {
        return Totp.of(Base32.decode(keys.cipher().open(new SecretCipher.Sealed(keyId, sealed), user.totpContext())));
    }

    private boolean useRecoveryCode(User user, String typed) {
        byte[] hash = TwoFactorCodes.hash(typed).getBytes(StandardCharsets.US_ASCII);
        Instant now = clock.instant();
        for (RecoveryCode code : unused(user)) {
            if (MessageDigest.isEqual(hash, code.codeHash().getBytes(StandardCharsets.US_ASCII))) {
                return em.createQuery("UPDATE RecoveryCode c SET c.usedAt = :now WHERE c.id = :id AND c.usedAt IS NULL")
                        .setParameter("now", dev.scriptexecuter.infrastructure.UtcColumns.column(now))
                        .setParameter("id", code.id()).executeUpdate() == 1;
            }
        }
        return false;
    }

    /** Ten new recovery codes, to be shown once; the earlier ones stop working. */
    public List<String> newRecoveryCodes(User user) {
        removeRecoveryCodes(user);
        List<String> codes = TwoFactorCodes.newRecoveryCodes();
        codes.forEach(code -> em.persist(new RecoveryCode(user.id(), TwoFactorCodes.hash(code))));
        return codes;
    }

    public int recoveryCodesLeft(User user) {
        return unused(user).size();
    }

    /** The second factor is gone: secret, pending enrolment and recovery codes. */
    public void remove(User user) {
        user.removeTotp();
        removeRecoveryCodes(user);
    }

    private void removeRecoveryCodes(User user) {
        em.createNamedQuery(RecoveryCode.DELETE_OF).setParameter("userId", user.id()).executeUpdate();
    }

    private List<RecoveryCode> unused(User user) {
        return em.createNamedQuery(RecoveryCode.UNUSED_OF, RecoveryCode.class).setParameter("userId", user.id())
                .getResultList();
    }

    void reseal(@Observes SecretsResealing resealing) {
        SecretCipher cipher = resealing.cipher();
        List<User> stale = em.createQuery("SELECT u FROM User u WHERE (u.totpSecret IS NOT NULL AND u.totpKeyId <> :key)"
                + " OR (u.totpPendingSecret IS NOT NULL AND u.totpPendingKeyId <> :key)", User.class)
                .setParameter("key", cipher.currentKeyId()).getResultList();
        for (User user : stale) {
            SecretCipher.Sealed secret = resealed(cipher, user.totpKeyId(), user.totpSecret(), user.totpContext());
            SecretCipher.Sealed pending = resealed(cipher, user.totpPendingKeyId(), user.totpPendingSecret(),
                    user.totpContext());
            user.resealTotp(secret == null ? null : secret.keyId(), secret == null ? null : secret.text(),
                    pending == null ? null : pending.keyId(), pending == null ? null : pending.text());
        }
        resealing.resealed(KIND, stale.size());
    }

    private static SecretCipher.Sealed resealed(SecretCipher cipher, String keyId, String text, String context) {
        return text == null ? null : cipher.seal(cipher.open(new SecretCipher.Sealed(keyId, text), context), context);
    }
}
