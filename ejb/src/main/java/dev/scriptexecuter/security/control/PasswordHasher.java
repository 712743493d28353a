package dev.scriptexecuter.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import java.util.Map;

/**
 * Hashes and checks passwords with Jakarta Security's PBKDF2 (HMAC-SHA-256,
 * random salt per password). Also checks a password's strength before it is set.
 */
@ApplicationScoped
public class PasswordHasher {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;
    private static final String DUMMY = "the same work for unknown users";

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    /** PBKDF2-HMAC-SHA256 rounds for new hashes (OWASP's 2023 figure); a stored hash keeps its own count. */
    @Inject
    @ConfigProperty(name = "ses.password.iterations", defaultValue = "210000")
    int iterations;

    private String dummyHash;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", String.valueOf(Math.max(1000, iterations)),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        dummyHash = pbkdf2.generate(DUMMY.toCharArray());
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    /** False for no hash (an external account) as well, after the time a real check takes. */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            matchNothing(password);
            return false;
        }
        return pbkdf2.verify(password.toCharArray(), hash);
    }

    /** Spends the time a real check would, so an unknown user answers as slowly as a wrong password. */
    public void matchNothing(String password) {
        pbkdf2.verify(password.toCharArray(), dummyHash);
    }

    /** Null if the password may be used, else a sentence saying why not. */
    public static String weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "The password must have at least " + MIN_LENGTH + " characters.";
        }
        if (password.length() > MAX_LENGTH) {
            return "The password must have at most " + MAX_LENGTH + " characters.";
        }
        if (password.chars().distinct().count() < 4) {
            return "The password repeats too few different characters.";
        }
        return null;
    }
}
