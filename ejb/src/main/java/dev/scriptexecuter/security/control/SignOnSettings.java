package dev.scriptexecuter.security.control;

import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How people log in: with a local password ({@code ses.auth.local}, on by default; when off, only the break-glass
 * admin {@code ses.auth.break-glass-admin} still can), and through an OpenID Connect identity provider when
 * {@code ses.auth.oidc.issuer} is set. A setting that cannot work stops the start with a sentence naming it.
 */
@ApplicationScoped
public class SignOnSettings {

    @Inject
    @ConfigProperty(name = "ses.auth.local", defaultValue = "true")
    boolean localLogin;

    @Inject
    @ConfigProperty(name = "ses.auth.break-glass-admin", defaultValue = "admin")
    String breakGlassAdmin;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.client-secret-file")
    Optional<String> clientSecretFile;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.scopes", defaultValue = "openid profile email")
    String scopes;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.audience")
    Optional<String> audience;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.username-claim", defaultValue = "preferred_username")
    String usernameClaim;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.role-claim", defaultValue = "groups")
    String roleClaim;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.admin-groups")
    Optional<String> adminGroups;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.user-groups")
    Optional<String> userGroups;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.viewer-groups")
    Optional<String> viewerGroups;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.default-role", defaultValue = "none")
    String defaultRole;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.name", defaultValue = "single sign-on")
    String providerName;

    @Inject
    @ConfigProperty(name = "ses.auth.oidc.timeout", defaultValue = "PT10S")
    Duration timeout;

    private OidcRoles roles;
    private String secret;

    @PostConstruct
    void check() {
        if (issuer.filter(text -> !text.isBlank()).isEmpty()) {
            if (!localLogin) {
                throw new IllegalStateException("ses.auth.local=false switches local passwords off, but no single"
                        + " sign-on is set up (ses.auth.oidc.issuer): only the break-glass admin could log in.");
            }
            return;
        }
        URI uri = uri(issuer.get().strip());
        if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalStateException("ses.auth.oidc.issuer must be the identity provider's issuer, an http(s)"
                    + " address such as https://login.example.org/realms/company; it is '" + issuer.get() + "'.");
        }
        if (clientId.filter(text -> !text.isBlank()).isEmpty()) {
            throw new IllegalStateException("ses.auth.oidc.client-id is needed with ses.auth.oidc.issuer: the client"
                    + " this server is at the identity provider.");
        }
        if (!(" " + scopes + " ").contains(" openid ")) {
            throw new IllegalStateException("ses.auth.oidc.scopes must include 'openid'; it is '" + scopes + "'.");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("ses.auth.oidc.timeout must be positive, such as PT10S.");
        }
        Optional<Role> fallback;
        try {
            fallback = "none".equalsIgnoreCase(defaultRole.strip()) ? Optional.empty() : Optional.of(Role.of(defaultRole));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ses.auth.oidc.default-role: " + e.getMessage() + " Or \"none\" to"
                    + " refuse people in no mapped group.", e);
        }
        roles = OidcRoles.of(roleClaim.strip(), adminGroups.orElse(""), userGroups.orElse(""),
                viewerGroups.orElse(""), fallback);
        if (!roles.givesAnyRole()) {
            throw new IllegalStateException("Single sign-on gives nobody a role: set ses.auth.oidc.admin-groups,"
                    + " user-groups or viewer-groups (the groups in the '" + roleClaim + "' claim that give each"
                    + " role), or ses.auth.oidc.default-role.");
        }
        secret = readSecret();
    }

    private String readSecret() {
        if (clientSecret.filter(text -> !text.isBlank()).isPresent()) {
            return clientSecret.get().strip();
        }
        if (clientSecretFile.filter(text -> !text.isBlank()).isPresent()) {
            Path file = Path.of(clientSecretFile.get().strip());
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    throw new IllegalStateException("ses.auth.oidc.client-secret-file: " + file + " is empty.");
                }
                return text;
            } catch (IOException e) {
                throw new IllegalStateException("ses.auth.oidc.client-secret-file: cannot read " + file + ".", e);
            }
        }
        return null; // a public client: PKCE alone protects the code
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("ses.auth.oidc.issuer is not an address: '" + text + "'.", e);
        }
    }

    public boolean singleSignOn() {
        return issuer.filter(text -> !text.isBlank()).isPresent();
    }

    /** Whether this account may log in with a local password: all may, unless local login is off. */
    public boolean localLoginAllowed(String username) {
        return localLogin || (username != null && username.strip().equals(breakGlassAdmin.strip()));
    }

    public boolean localLogin() {
        return localLogin;
    }

    public String issuer() {
        return issuer.map(String::strip).orElseThrow();
    }

    public String clientId() {
        return clientId.map(String::strip).orElseThrow();
    }

    /** The client secret, or null for a public client. Never logged. */
    public String clientSecret() {
        return secret;
    }

    public String scopes() {
        return scopes.strip();
    }

    /** What an access token for the API must name as its audience: the client id unless set. */
    public String audience() {
        return audience.filter(text -> !text.isBlank()).map(String::strip).orElseGet(this::clientId);
    }

    public String usernameClaim() {
        return usernameClaim.strip();
    }

    public OidcRoles roles() {
        return roles;
    }

    /** What the login page's button names: "Log in with …". */
    public String providerName() {
        return providerName.strip();
    }

    public Duration timeout() {
        return timeout;
    }
}
