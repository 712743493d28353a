package dev.scriptexecuter.security.control;

import dev.scriptexecuter.infrastructure.SecretTokens;

import java.util.Optional;

/**
 * The text of an API key: {@code ses_<key id>_<secret>} ({@link SecretTokens}). The id finds the
 * stored key, the secret (32 random bytes) is compared by its SHA-256 hash.
 */
public final class ApiKeySecrets {

    private static final SecretTokens TOKENS = new SecretTokens("ses");

    private ApiKeySecrets() {
    }

    /** An API key as sent, split into the id of its row and its secret. */
    public record Parsed(String keyId, String secret) {
    }

    public static String newSecret() {
        return SecretTokens.newSecret();
    }

    public static String text(String keyId, String secret) {
        return TOKENS.text(keyId, secret);
    }

    public static Optional<Parsed> parse(String text) {
        return TOKENS.parse(text).map(parsed -> new Parsed(parsed.id(), parsed.secret()));
    }

    public static String hash(String secret) {
        return SecretTokens.hash(secret);
    }

    public static boolean matches(String secret, String storedHash) {
        return SecretTokens.matches(secret, storedHash);
    }
}
