package dev.scriptexecuter.security.entity;

import dev.scriptexecuter.infrastructure.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

/**
 * An account that logs in to the dashboard and the API. A local one has a password (only its hash is kept); an
 * external one logs in through the OpenID Connect identity provider, is found again by the provider's issuer and
 * subject, and has no password here.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = User.FIND_BY_USERNAME, query = "SELECT u FROM User u WHERE u.username = :username")
@NamedQuery(name = User.FIND_BY_USERNAME_IGNORING_CASE, query = "SELECT u FROM User u WHERE u.usernameKey = :key")
@NamedQuery(name = User.FIND_EXTERNAL, query = "SELECT u FROM User u WHERE u.externalIssuer = :issuer"
        + " AND u.externalSubject = :subject")
@NamedQuery(name = User.FIND_ALL, query = "SELECT u FROM User u ORDER BY u.username")
@NamedQuery(name = User.COUNT_ALL, query = "SELECT COUNT(u) FROM User u")
@NamedQuery(name = User.COUNT_ENABLED_ADMINS, query = "SELECT COUNT(u) FROM User u WHERE u.enabled = true"
        + " AND u.role = dev.scriptexecuter.infrastructure.Role.ADMIN")
public class User {

    public static final String FIND_BY_USERNAME = "User.findByUsername";
    public static final String FIND_BY_USERNAME_IGNORING_CASE = "User.findByUsernameIgnoringCase";
    public static final String FIND_EXTERNAL = "User.findExternal";
    public static final String FIND_ALL = "User.findAll";
    public static final String COUNT_ALL = "User.countAll";
    public static final String COUNT_ENABLED_ADMINS = "User.countEnabledAdmins";
    /** What a username may be. */
    public static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    @Id
    private String id;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    /** The username in lower case, unique: no two accounts differ only by case. */
    @Column(name = "username_key", unique = true, length = 101)
    private String usernameKey;

    /** Null for an external account: no password opens it. */
    @Column(name = "password_hash", length = 512)
    private String passwordHash;

    /** The identity provider (its issuer) an external account logs in through; null for a local account. */
    @Column(name = "external_issuer", length = 255)
    private String externalIssuer;

    /** Who the account is at that provider (its {@code sub}): what finds it again, whatever its name there. */
    @Column(name = "external_subject", length = 255)
    private String externalSubject;

    /** Disabled because the identity provider gave it no role any more, not by an admin: a role brings it back. */
    @Column(name = "provider_disabled")
    private boolean providerDisabled;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    @Column(name = "last_login_at")
    private LocalDateTime lastLoginAt;

    /** The TOTP secret (base 32), sealed with the secrets key under {@link #totpContext()}; null: no second factor. */
    @Column(name = "totp_secret", length = 200)
    private String totpSecret;

    @Column(name = "totp_key_id", length = 16)
    private String totpKeyId;

    /** An enrolment not confirmed yet: its secret, sealed the same way, apart from a working one. */
    @Column(name = "totp_pending_secret", length = 200)
    private String totpPendingSecret;

    @Column(name = "totp_pending_key_id", length = 16)
    private String totpPendingKeyId;

    @Column(name = "totp_enabled_at")
    private LocalDateTime totpEnabledAt;

    /** The last 30-second step a code was accepted for: it, and every older one, is refused. */
    @Column(name = "totp_last_step")
    private Long totpLastStep;

    @Version
    private long version;

    protected User() {
    }

    public User(String username, String passwordHash, Role role, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.username = Objects.requireNonNull(username);
        this.usernameKey = key(username);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.role = Objects.requireNonNull(role);
        this.enabled = true;
        this.createdAt = column(now);
    }

    /** An account made at the first login through an identity provider: no password, its role from the provider. */
    public static User external(String username, String issuer, String subject, Role role, Instant now) {
        User user = new User();
        user.id = UUID.randomUUID().toString();
        user.username = Objects.requireNonNull(username);
        user.usernameKey = key(username);
        user.externalIssuer = Objects.requireNonNull(issuer);
        user.externalSubject = Objects.requireNonNull(subject);
        user.role = Objects.requireNonNull(role);
        user.enabled = true;
        user.createdAt = column(now);
        return user;
    }

    /** What makes a username unique: its lower-case form. */
    public static String key(String username) {
        return username.toLowerCase(java.util.Locale.ROOT);
    }

    public void changePassword(String passwordHash) {
        if (external()) {
            throw new IllegalStateException("An external account has no password");
        }
        this.passwordHash = Objects.requireNonNull(passwordHash);
    }

    public void assign(Role role, boolean enabled) {
        this.role = Objects.requireNonNull(role);
        this.enabled = enabled;
    }

    /**
     * An admin said whether it is enabled: that decision stands, also over one the identity provider's groups
     * made (a disabled account then stays disabled when a group gives it a role again).
     */
    public void enabledByAdmin() {
        this.providerDisabled = false;
    }

    /** The identity provider gives it no role any more: it cannot log in, nor its keys or sessions act. */
    public void disableForProvider() {
        this.enabled = false;
        this.providerDisabled = true;
    }

    /** The role the identity provider gives it now; it enables the account where the provider had disabled it. */
    public void roleFromProvider(Role role) {
        this.role = Objects.requireNonNull(role);
        if (providerDisabled) {
            this.enabled = true;
            this.providerDisabled = false;
        }
    }

    /** Disabled by the identity provider's groups, and only by them. */
    public boolean providerDisabled() {
        return providerDisabled && !enabled;
    }

    public void loggedIn(Instant now) {
        this.lastLoginAt = column(now);
    }

    /** An enrolment begins (or begins again): its secret waits for a code from it before it counts. */
    public void enrolTotp(String keyId, String sealedSecret) {
        this.totpPendingKeyId = Objects.requireNonNull(keyId);
        this.totpPendingSecret = Objects.requireNonNull(sealedSecret);
    }

    /** The pending secret counts from now; the code that confirmed it (its step) may not be used again. */
    public void confirmTotp(Instant now, long step) {
        if (totpPendingSecret == null) {
            throw new IllegalStateException("No enrolment to confirm");
        }
        this.totpKeyId = totpPendingKeyId;
        this.totpSecret = totpPendingSecret;
        this.totpPendingKeyId = null;
        this.totpPendingSecret = null;
        this.totpEnabledAt = column(now);
        this.totpLastStep = step;
    }

    public void totpUsed(long step) {
        this.totpLastStep = step;
    }

    /** No second factor any more (its owner turned it off, or an admin reset it). */
    public void removeTotp() {
        this.totpKeyId = null;
        this.totpSecret = null;
        this.totpPendingKeyId = null;
        this.totpPendingSecret = null;
        this.totpEnabledAt = null;
        this.totpLastStep = null;
    }

    /** A sealed secret moved to another key (a reseal after a key rotation). */
    public void resealTotp(String keyId, String sealedSecret, String pendingKeyId, String sealedPending) {
        this.totpKeyId = keyId;
        this.totpSecret = sealedSecret;
        this.totpPendingKeyId = pendingKeyId;
        this.totpPendingSecret = sealedPending;
    }

    /** What a TOTP secret is sealed with as associated data: it opens for this account only. */
    public String totpContext() {
        return "totp:" + id;
    }

    /** Logs in through the identity provider, not with a password. */
    public boolean external() {
        return externalIssuer != null;
    }


    public String externalIssuer() {
        return externalIssuer;
    }

    public boolean twoFactor() {
        return totpSecret != null;
    }

    public String totpSecret() {
        return totpSecret;
    }

    public String totpKeyId() {
        return totpKeyId;
    }

    public String totpPendingSecret() {
        return totpPendingSecret;
    }

    public String totpPendingKeyId() {
        return totpPendingKeyId;
    }

    public Instant totpEnabledAt() {
        return instant(totpEnabledAt);
    }

    public long totpLastStep() {
        return totpLastStep == null ? Long.MIN_VALUE : totpLastStep;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return role;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return instant(createdAt);
    }

    public Instant lastLoginAt() {
        return instant(lastLoginAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
