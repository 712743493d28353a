package dev.scriptexecuter.secret.boundary;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AES-256-GCM for secret variables: a random 96-bit nonce per value, the
 * variable's scope and name as associated data (a value copied to another
 * variable does not decrypt), stored as base64 of nonce and ciphertext with
 * the id of the key that sealed it. Old keys still open values, so keys can
 * be rotated: seal with the new key, keep the old ones until everything is
 * sealed again.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /** A value as stored: which key sealed it, and nonce + ciphertext in base64. */
    public record Sealed(String keyId, String text) {
    }

    /** @param current the key new values are sealed with; {@code old} may still open stored ones (32 bytes each) */
    public SecretCipher(byte[] current, List<byte[]> old) {
        this.currentId = add(current);
        old.forEach(this::add);
    }

    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** The first 16 hex digits of the key's SHA-256: names a key without giving it away. */
    public static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String currentKeyId() {
        return currentId;
    }

    public Sealed seal(String plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentId), nonce, context);
            byte[] encrypted = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(nonce.length + encrypted.length).put(nonce).put(encrypted).array();
            return new Sealed(currentId, Base64.getEncoder().encodeToString(stored));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /** @throws IllegalStateException when the key is not known here or the value was altered */
    public String open(Sealed sealed, String context) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("The secret was sealed with key " + sealed.keyId() + ", which this server"
                    + " does not have (ses.secrets.key / ses.secrets.old-keys)");
        }
        byte[] stored = Base64.getDecoder().decode(sealed.text());
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(stored, NONCE_BYTES), context);
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("The secret does not decrypt: it was altered, or belongs to another variable");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt the secret", e);
        }
    }

    private String add(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("A secrets key is 32 bytes (256 bits), base64-encoded; this one has "
                    + key.length + " bytes");
        }
        String id = keyId(key);
        keys.putIfAbsent(id, new SecretKeySpec(key.clone(), "AES"));
        return id;
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
