package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.security.entity.User;

import java.time.Instant;

/** An account as the API and the dashboard show it: never its password hash. */
public record UserView(String id, String username, String role, boolean enabled, Instant createdAt,
                       Instant lastLoginAt, boolean twoFactor) {

    public static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.role().groupName(), user.enabled(), user.createdAt(),
                user.lastLoginAt(), user.twoFactor());
    }
}
