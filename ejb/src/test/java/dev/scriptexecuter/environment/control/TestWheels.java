package dev.scriptexecuter.environment.control;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes tiny pure-Python wheels for tests, as PyPI cannot be reached: a wheel
 * is a zip with the package, and a {@code .dist-info} folder holding METADATA,
 * WHEEL and RECORD. Each test package is a module that knows its version.
 */
public final class TestWheels {

    private TestWheels() {
    }

    /**
     * Writes {@code <module>-<version>-py3-none-any.whl} into {@code directory};
     * importing {@code module} gives {@code module.VERSION == version}.
     */
    public static Path write(Path directory, String module, String version) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(module + "/__init__.py", ("VERSION = '" + version + "'\n").getBytes(StandardCharsets.UTF_8));
        String distInfo = module + "-" + version + ".dist-info/";
        files.put(distInfo + "METADATA", ("Metadata-Version: 2.1\nName: " + module + "\nVersion: " + version
                + "\nSummary: a package made by the tests\n").getBytes(StandardCharsets.UTF_8));
        files.put(distInfo + "WHEEL", ("Wheel-Version: 1.0\nGenerator: ses-tests\nRoot-Is-Purelib: true\n"
                + "Tag: py3-none-any\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        files.forEach((name, content) -> record.append(name).append(",sha256=").append(digest(content))
                .append(',').append(content.length).append('\n'));
        record.append(distInfo).append("RECORD,,\n");
        files.put(distInfo + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Files.createDirectories(directory);
            Path wheel = directory.resolve(module + "-" + version + "-py3-none-any.whl");
            try (OutputStream out = Files.newOutputStream(wheel); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(file.getKey()));
                    zip.write(file.getValue());
                    zip.closeEntry();
                }
            }
            return wheel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For manual use: {@code TestWheels <dir> <module> <version>}. */
    public static void main(String[] args) {
        System.out.println(write(Path.of(args[0]), args[1], args[2]));
    }
}
