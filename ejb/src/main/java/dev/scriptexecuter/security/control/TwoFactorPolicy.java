package dev.scriptexecuter.security.control;

import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who must log in with a second factor: {@code ses.auth.two-factor.required}, a comma-separated list of roles
 * ("admin", or "admin,user"; none by default). Such an account that has none yet enrols at its next dashboard
 * login before it gets in, and cannot turn it off; an admin can still reset it (it enrols again). The issuer
 * is the name authenticator apps list the account under ({@code ses.auth.two-factor.issuer}).
 */
@ApplicationScoped
public class TwoFactorPolicy {

    @Inject
    @ConfigProperty(name = "ses.auth.two-factor.required")
    Optional<String> required;

    @Inject
    @ConfigProperty(name = "ses.auth.two-factor.issuer", defaultValue = "ScriptExecuterServer")
    String issuer;

    private Set<Role> roles;

    @PostConstruct
    void parse() {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String name : required.orElse("").split(",")) {
            if (!name.isBlank()) {
                try {
                    parsed.add(Role.of(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("ses.auth.two-factor.required: " + e.getMessage(), e);
                }
            }
        }
        roles = parsed;
    }

    public boolean requiredFor(Role role) {
        return roles.contains(role);
    }

    public String issuer() {
        return issuer;
    }
}
