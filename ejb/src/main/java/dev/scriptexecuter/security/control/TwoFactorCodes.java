package dev.scriptexecuter.security.control;

import dev.scriptexecuter.infrastructure.SecretTokens;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The secrets of two-factor login: a TOTP secret (160 random bits, RFC 4226's recommended length), the
 * {@code otpauth://} address an authenticator app reads from the QR code, and recovery codes (80 random bits
 * each, written {@code xxxx-xxxx-xxxx-xxxx} in base 32), kept as SHA-256 hashes of their normalised form.
 */
public final class TwoFactorCodes {

    public static final int RECOVERY_CODES = 10;
    private static final int SECRET_BYTES = 20;
    private static final int RECOVERY_BYTES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TwoFactorCodes() {
    }

    /** A new TOTP secret, base 32. */
    public static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base32.encode(secret);
    }

    /** Google Authenticator's key URI format: the label "issuer:account", the issuer again as a parameter. */
    public static String otpauthUri(String issuer, String account, String secret) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + secret + "&issuer="
                + encode(issuer) + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
    }

    public static List<String> newRecoveryCodes() {
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = new byte[RECOVERY_BYTES];
            RANDOM.nextBytes(bytes);
            String text = Base32.encode(bytes).toLowerCase(Locale.ROOT);
            codes.add(String.join("-", text.substring(0, 4), text.substring(4, 8), text.substring(8, 12),
                    text.substring(12, 16)));
        }
        return codes;
    }

    /** Whether this looks like a recovery code (rather than a one-time password), however it was typed. */
    public static boolean isRecoveryCode(String typed) {
        return typed != null && normalised(typed).length() == 16 && normalised(typed).chars()
                .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
    }

    /** The hash a recovery code is kept as: of its normalised form (no dashes or spaces, lower case). */
    public static String hash(String recoveryCode) {
        return SecretTokens.hash(normalised(recoveryCode));
    }

    private static String normalised(String typed) {
        return typed.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
