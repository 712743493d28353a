package dev.scriptexecuter.secret.boundary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reseal of every stored secret with the current key, after a key rotation
 * ({@code POST /api/variables/reseal}). Fired in the reseal's transaction:
 * each component that keeps sealed secrets observes it, seals its own again
 * with {@link #cipher()} and says how many, so the one asking knows none of them.
 */
public final class SecretsResealing {

    private final SecretCipher cipher;
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    public SecretsResealing(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public SecretCipher cipher() {
        return cipher;
    }

    /** Called by an observer: {@code count} secrets of a kind (e.g. "webhook signing secrets") were resealed. */
    public void resealed(String kind, int count) {
        counts.merge(kind, count, Integer::sum);
    }

    /** How many of each kind the observers resealed. */
    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }
}
