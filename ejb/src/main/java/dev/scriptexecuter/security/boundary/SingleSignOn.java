package dev.scriptexecuter.security.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.security.control.OidcProvider;
import dev.scriptexecuter.security.control.Pkce;
import dev.scriptexecuter.security.control.SignOnSettings;
import dev.scriptexecuter.security.control.UserDirectory;
import dev.scriptexecuter.security.entity.User;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Logins through the OpenID Connect identity provider (authorization code flow with PKCE and a nonce), and the
 * API's bearer tokens issued by it. An account is made at a person's first login (external: no password here),
 * found again by the provider's issuer and subject, and takes the role its groups give at every login; a person
 * in no mapped group is refused (or gets the default role). An admin can still disable such an account here.
 * Used before any role is known, hence open to all.
 */
@Stateless
@PermitAll
public class SingleSignOn {

    private static final String HOW = "single sign-on";
    private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());

    @Inject
    SignOnSettings settings;

    @Inject
    OidcProvider provider;

    @Inject
    UserDirectory directory;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    public boolean enabled() {
        return settings.singleSignOn();
    }

    /** What the login page's button names. */
    public String providerName() {
        return settings.providerName();
    }

    /** Whether the login page offers local passwords to everybody (else only to the break-glass admin). */
    public boolean localLogin() {
        return settings.localLogin();
    }

    /** A new login at the identity provider, coming back to {@code redirectUri}. */
    public SignOnStart begin(String redirectUri) {
        requireEnabled();
        String state = Pkce.randomValue();
        String nonce = Pkce.randomValue();
        String verifier = Pkce.randomValue();
        URI location = call(() -> provider.authorizationRequest(redirectUri, state, nonce, verifier));
        return new SignOnStart(location, state, nonce, verifier, redirectUri, clock.instant());
    }

    /**
     * The identity provider sent the browser back with a code: its tokens are fetched and checked, and the
     * account made or brought up to date. Refusals say why, for the person in front of the page.
     */
    public SignedOn complete(SignOnStart started, String code, String address) {
        requireEnabled();
        OidcProvider.Answer answer = call(() -> provider.exchange(code, started.redirectUri(), started.verifier(),
                started.nonce()));
        User user = account(answer.claims(), address, true);
        audit.recordAs(user.username(), AuditAction.LOGIN, null, HOW, address);
        return new SignedOn(new Caller(user.username(), user.role()), answer.idToken());
    }

    /**
     * The caller an access token of the identity provider speaks for; empty if it is not one (another issuer, a
     * bad signature, expired, for another audience). A valid token of a person with no role here is refused (403).
     */
    public Optional<Caller> bearer(String token) {
        if (!settings.singleSignOn()) {
            return Optional.empty();
        }
        return provider.accessToken(token).map(claims -> {
            User user = account(claims, null, false);
            return new Caller(user.username(), user.role());
        });
    }

    /** Where the browser goes to end its session at the identity provider too, then comes back to {@code after}. */
    public Optional<URI> logout(String idToken, String after) {
        return settings.singleSignOn() ? provider.logout(idToken, after) : Optional.empty();
    }

    /**
     * The account these verified claims are: made at the first use, its role as the provider's groups say now.
     * A known account the provider gives no role any more is disabled (its sessions, tokens and API keys stop),
     * and enabled again when it gives one back; one an admin disabled stays so. Refusals of a login are in the
     * audit log; those of API requests are not (a client could fill it), beyond the disabling itself.
     */
    private User account(JWTClaimsSet claims, String address, boolean login) {
        String subject = claims.getSubject();
        String issuer = claims.getIssuer();
        Optional<Role> role = settings.roles().roleOf(claims.getClaims());
        Optional<User> known = em.createNamedQuery(User.FIND_EXTERNAL, User.class).setParameter("issuer", issuer)
                .setParameter("subject", subject).getResultStream().findFirst();
        String name = known.map(User::username).orElseGet(() -> username(claims));
        if (role.isEmpty()) {
            // only when the provider lists the person's groups: a token without the claim (another client's, a
            // narrower scope) says nothing about them
            known.filter(User::enabled).filter(user -> settings.roles().claimPresent(claims.getClaims()))
                    .filter(user -> directory.disableForProvider(user.id())).ifPresent(user ->
                    audit.recordRefused(name, AuditAction.USER_UPDATED, Target.user(user.id(), name), "disabled: the"
                            + " identity provider puts it in no group mapped to a role", address));
            refused(login, name, "in no group mapped to a role (" + settings.roles().claim() + ": "
                    + String.join(", ", settings.roles().groupsIn(claims.getClaims())) + ")", address);
            throw RequestRejected.forbidden("Your account at the identity provider (" + name + ") is in none of the"
                    + " groups that give a role here. Ask an administrator to add you to one.");
        }
        if (known.isPresent()) {
            User user = known.get();
            if (!user.enabled() && !user.providerDisabled()) {
                throw disabled(login, name, address);
            }
            String before = lower(user.role()) + (user.enabled() ? "" : ", disabled");
            if (directory.roleFromProvider(user, role.get())) {
                audit.recordAs(name, AuditAction.USER_UPDATED, Target.user(user.id(), name),
                        "role from the identity provider: was " + before + ", is " + lower(role.get()), address);
            }
            if (!user.enabled()) { // an admin disabled it meanwhile
                throw disabled(login, name, address);
            }
            if (login) {
                directory.lock(user);
                user.loggedIn(clock.instant());
            }
            return user;
        }
        directory.byUsernameIgnoringCase(name).ifPresent(existing -> {
            refused(login, name, "the name '" + existing.username() + "' belongs to another account", address);
            throw RequestRejected.conflict("An account named '" + existing.username() + "' exists here already and"
                    + " does not log in through the identity provider. Ask an administrator to rename or remove it.");
        });
        User made = User.external(name, issuer, subject, role.get(), clock.instant());
        if (login) {
            made.loggedIn(clock.instant());
        }
        try {
            // committed on its own, so that a first use of the same person at the same moment (another request,
            // another node) that made it first is found below rather than failing this one
            directory.insert(made);
        } catch (RuntimeException e) {
            return directory.externalNow(issuer, subject).orElseThrow(() -> e);
        }
        audit.recordAs(name, AuditAction.USER_CREATED, Target.user(made.id(), name),
                "at the first login through the identity provider, role " + lower(role.get()), address);
        return made;
    }

    private RequestRejected disabled(boolean login, String name, String address) {
        refused(login, name, "the account is disabled", address);
        return RequestRejected.forbidden("Your account '" + name + "' is disabled here. Ask an administrator.");
    }

    private void refused(boolean login, String name, String why, String address) {
        if (login) {
            audit.recordRefused(name, AuditAction.LOGIN_FAILED, null, HOW + ": " + why, address);
        } else {
            LOG.fine(() -> "Refused a bearer token of the identity provider for '" + name + "': " + why);
        }
    }

    private String username(JWTClaimsSet claims) {
        Object value = claims.getClaim(settings.usernameClaim());
        String name = value instanceof String text ? text.strip() : "";
        if (!User.USERNAME.matcher(name).matches()) {
            throw RequestRejected.forbidden("The identity provider gave no usable username in its '"
                    + settings.usernameClaim() + "' claim (1 to 64 letters, digits or . _ @ -). Ask an administrator"
                    + " to set ses.auth.oidc.username-claim.");
        }
        return name;
    }

    private void requireEnabled() {
        if (!settings.singleSignOn()) {
            throw RequestRejected.notFound("Single sign-on is not set up on this server.");
        }
    }

    private static <T> T call(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (OidcProvider.Unavailable e) {
            throw RequestRejected.unauthenticated(e.getMessage());
        }
    }

    private static String lower(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
