package dev.scriptexecuter.script.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Lob;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A script's code: its main code, its trigger code and its requirements.txt.
 * What a script holds now and what each of its versions keeps, in the same
 * columns of both tables.
 */
@Embeddable
public class ScriptCode {

    @Lob
    @Column(name = "main_code", nullable = false)
    private String mainCode;

    @Lob
    @Column(name = "trigger_code")
    private String triggerCode;

    @Lob
    @Column(name = "requirements")
    private String requirements;

    protected ScriptCode() {
    }

    public ScriptCode(String mainCode, String triggerCode, String requirements) {
        this.mainCode = Objects.requireNonNull(mainCode);
        this.triggerCode = triggerCode;
        this.requirements = requirements;
    }

    public String mainCode() {
        return mainCode;
    }

    public String triggerCode() {
        return triggerCode;
    }

    public String requirements() {
        return requirements;
    }

    /**
     * SHA-256 (hex) of the three texts, each preceded by its length so that no
     * two different contents can read the same; -1 stands for an absent text.
     */
    public String contentHash() {
        StringBuilder canonical = new StringBuilder();
        for (String part : new String[] {mainCode, triggerCode, requirements}) {
            canonical.append(part == null ? -1 : part.length()).append(':').append(part == null ? "" : part);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScriptCode code && mainCode.equals(code.mainCode)
                && Objects.equals(triggerCode, code.triggerCode) && Objects.equals(requirements, code.requirements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mainCode, triggerCode, requirements);
    }
}
