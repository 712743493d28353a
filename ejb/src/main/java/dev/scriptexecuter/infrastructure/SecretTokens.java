package dev.scriptexecuter.infrastructure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a secret handed out once (an API key, a trigger URL's token):
 * {@code <prefix>_<row id>_<secret>}. The id finds the stored row, the secret
 * (32 random bytes) is compared by its SHA-256 hash in constant time: it is
 * random and long, so no slow password hash is needed, and only the hash is kept.
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;
    private final Pattern format;

    /** An id of its row (a UUID) and a secret, as parsed from a token's text. */
    public record Parsed(String id, String secret) {
    }

    public SecretTokens(String prefix) {
        this.prefix = prefix;
        this.format = Pattern.compile(Pattern.quote(prefix) + "_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String text(String id, String secret) {
        return prefix + "_" + id.replace("-", "") + "_" + secret;
    }

    public Optional<Parsed> parse(String text) {
        Matcher matcher = text == null ? null : format.matcher(text.trim());
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        String hex = matcher.group(1);
        String id = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        return Optional.of(new Parsed(id, matcher.group(2)));
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
