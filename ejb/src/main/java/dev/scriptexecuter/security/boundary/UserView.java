package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.security.entity.User;

import java.time.Instant;

/**
 * An account as the API and the dashboard show it: never its password hash. {@code external}: it logs in through
 * the identity provider (single sign-on), which sets its role at each login.
 */
public record UserView(String id, String username, String role, boolean enabled, Instant createdAt,
                       Instant lastLoginAt, boolean twoFactor, boolean external) {

    public static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.role().groupName(), user.enabled(), user.createdAt(),
                user.lastLoginAt(), user.twoFactor(), user.external());
    }
}
