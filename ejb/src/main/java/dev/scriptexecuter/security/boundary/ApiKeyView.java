package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.security.entity.ApiKey;

import java.time.Instant;

/**
 * An API key as listed: never its secret. {@code key} is set only in the
 * answer that creates it, the one time the secret is shown.
 */
public record ApiKeyView(String id, String name, String owner, Instant createdAt, Instant expiresAt,
                         Instant lastUsedAt, String key) {

    public static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id(), key.name(), key.owner().username(), key.createdAt(), key.expiresAt(),
                key.lastUsedAt(), null);
    }

    ApiKeyView withKey(String text) {
        return new ApiKeyView(id, name, owner, createdAt, expiresAt, lastUsedAt, text);
    }
}
