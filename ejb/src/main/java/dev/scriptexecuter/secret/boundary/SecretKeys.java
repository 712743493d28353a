package dev.scriptexecuter.secret.boundary;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where the secrets key comes from: {@code ses.secrets.key} (base64 of 32
 * bytes), else the file {@code ses.secrets.key-file}, else a key generated
 * once into {@code secrets.key} in the work directory (readable by the server
 * only). Nodes of a cluster must share it. {@code ses.secrets.old-keys}
 * (comma-separated) still open values sealed before a rotation.
 */
@ApplicationScoped
public class SecretKeys {

    private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());

    @Inject
    @ConfigProperty(name = "ses.secrets.key")
    Optional<String> key;

    @Inject
    @ConfigProperty(name = "ses.secrets.key-file")
    Optional<String> keyFile;

    @Inject
    @ConfigProperty(name = "ses.secrets.old-keys")
    Optional<String> oldKeys;

    @Inject
    WorkDirectory workDirectory;

    private volatile SecretCipher cipher;

    public SecretCipher cipher() {
        SecretCipher current = cipher;
        if (current == null) {
            synchronized (this) {
                if (cipher == null) {
                    List<byte[]> old = new ArrayList<>();
                    java.util.Arrays.stream(oldKeys.orElse("").split(",")).map(String::strip)
                            .filter(text -> !text.isEmpty())
                            .forEach(text -> old.add(decode(text, "ses.secrets.old-keys")));
                    cipher = new SecretCipher(currentKey(), old);
                }
                current = cipher;
            }
        }
        return current;
    }

    private byte[] currentKey() {
        if (key.isPresent() && !key.get().isBlank()) {
            return decode(key.get().strip(), "ses.secrets.key");
        }
        Path file = keyFile.filter(name -> !name.isBlank()).map(Path::of)
                .orElseGet(() -> workDirectory.root().resolve("secrets.key"));
        try {
            if (!Files.exists(file) && keyFile.isEmpty()) {
                generate(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secrets key " + file, e);
        }
    }

    private static void generate(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        // written whole under another name, then linked into place (which fails if the key exists by then):
        // nobody reads a half-written key, and nobody replaces one another node made
        Path partial = Files.createTempFile(file.getParent(), "secrets", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, Base64.getEncoder().encodeToString(SecretCipher.newKey()) + "\n");
            Files.createLink(file, partial);
            LOG.warning(() -> "Generated the secrets key " + file + ": back it up with the database, and give every"
                    + " node of a cluster the same key (ses.secrets.key or ses.secrets.key-file; README, Secrets).");
        } catch (FileAlreadyExistsException another) {
            // made by another node meanwhile: use it
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static byte[] decode(String text, String source) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The secrets key in " + source + " is not base64", e);
        }
    }
}
