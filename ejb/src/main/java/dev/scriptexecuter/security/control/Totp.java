package dev.scriptexecuter.security.control;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords as RFC 6238 defines them (HOTP, RFC 4226, over 30-second steps since the
 * epoch), the kind every authenticator app makes: HMAC-SHA-1, six digits. A code is accepted for its own step
 * and one step either side (clocks drift, people type slowly); the step it matched is returned so the caller
 * can refuse it a second time.
 */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** Steps before and after now whose codes are still taken. */
    static final int DRIFT = 1;

    private final byte[] key;
    private final String algorithm;
    private final int digits;

    private Totp(byte[] key, String algorithm, int digits) {
        this.key = key.clone();
        this.algorithm = algorithm;
        this.digits = digits;
    }

    /** What authenticator apps use: HMAC-SHA-1, six digits. */
    public static Totp of(byte[] key) {
        return new Totp(key, "HmacSHA1", DIGITS);
    }

    /** Another HMAC ("HmacSHA1", "HmacSHA256", "HmacSHA512") or length: RFC 6238's test vectors use 8 digits. */
    static Totp of(byte[] key, String algorithm, int digits) {
        return new Totp(key, algorithm, digits);
    }

    /** The 30-second step an instant falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of one step, zero-padded. */
    public String code(long step) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, "RAW"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No " + algorithm + " in this JVM", e);
        }
        // RFC 4226's dynamic truncation: four bytes from the offset the last nibble gives, top bit cleared
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        int modulus = 1;
        for (int i = 0; i < digits; i++) {
            modulus *= 10;
        }
        String code = Integer.toString(binary % modulus);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * The step whose code this is, within the drift around now and after {@code usedUpTo} (the last step a
     * code was accepted for: an accepted code, and any older one, is refused from then on); empty if none.
     * Spaces people type are ignored; every candidate is compared in constant time.
     */
    public OptionalLong match(String typed, Instant now, long usedUpTo) {
        if (typed == null) {
            return OptionalLong.empty();
        }
        String code = typed.replace(" ", "");
        if (code.length() != digits || !code.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong matched = OptionalLong.empty();
        for (long step = current - DRIFT; step <= current + DRIFT; step++) {
            boolean same = MessageDigest.isEqual(code(step).getBytes(), code.getBytes());
            if (same && step > usedUpTo && matched.isEmpty()) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }
}
