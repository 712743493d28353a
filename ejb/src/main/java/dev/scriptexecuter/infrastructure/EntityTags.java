package dev.scriptexecuter.infrastructure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The strong entity tag ({@code ETag}) of what the API answers: a digest of
 * the answer's JSON, so it changes with anything the answer shows (a run's
 * new data, its last run, the next fire time) and with nothing else. The same
 * function serves the {@code ETag} header and the check of an
 * {@code If-Match}, so a tag read from one answer is comparable in any node.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** The quoted tag, e.g. {@code "k3J0…"}, of a view record as the API writes it. */
    public static String of(Object view) {
        byte[] json = StrictJsonb.get().toJson(view).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
