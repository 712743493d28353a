package dev.scriptexecuter.script.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * One saved state of a script's code: main code, trigger code and
 * requirements, numbered from 1 per script. Never changed once written; a
 * rollback writes a new version with an old one's content.
 */
@Entity
@Table(name = "script_version")
@NamedQuery(name = ScriptVersion.FIND_BY_SCRIPT,
        query = "SELECT v FROM ScriptVersion v WHERE v.scriptId = :scriptId ORDER BY v.number DESC")
@NamedQuery(name = ScriptVersion.FIND_ONE,
        query = "SELECT v FROM ScriptVersion v WHERE v.scriptId = :scriptId AND v.number = :number")
public class ScriptVersion {

    public static final String FIND_BY_SCRIPT = "ScriptVersion.findByScript";
    public static final String FIND_ONE = "ScriptVersion.findOne";

    @Id
    private String id;

    @Column(name = "script_id", nullable = false, updatable = false)
    private String scriptId;

    @Column(name = "version_number", nullable = false, updatable = false)
    private int number;

    @Lob
    @Column(name = "main_code", nullable = false, updatable = false)
    private String mainCode;

    @Lob
    @Column(name = "trigger_code", updatable = false)
    private String triggerCode;

    @Lob
    @Column(updatable = false)
    private String requirements;

    @Column(name = "content_hash", nullable = false, updatable = false)
    private String contentHash;

    @Column(nullable = false, updatable = false)
    private String author;

    @Column(updatable = false)
    private String message;

    @Column(name = "created_at", nullable = false, updatable = false)
    private LocalDateTime createdAt;

    protected ScriptVersion() {
    }

    /** The script's code as it is now, as version {@code number}. */
    public ScriptVersion(Script script, int number, String author, String message, Instant now) {
        if (number < 1) {
            throw new IllegalArgumentException("Versions count from 1, not " + number);
        }
        this.id = UUID.randomUUID().toString();
        this.scriptId = script.id();
        this.number = number;
        this.mainCode = script.mainCode();
        this.triggerCode = script.triggerCode();
        this.requirements = script.requirements();
        this.contentHash = contentHash(mainCode, triggerCode, requirements);
        this.author = Objects.requireNonNull(author);
        this.message = message;
        this.createdAt = column(now);
    }

    /**
     * SHA-256 (hex) of the three texts, each preceded by its length so that no
     * two different contents can read the same; -1 stands for an absent text.
     */
    public static String contentHash(String mainCode, String triggerCode, String requirements) {
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

    /** Whether the script's code is this version's. */
    public boolean matches(Script script) {
        return contentHash.equals(contentHash(script.mainCode(), script.triggerCode(), script.requirements()));
    }

    public String scriptId() {
        return scriptId;
    }

    public int number() {
        return number;
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

    public String contentHash() {
        return contentHash;
    }

    public String author() {
        return author;
    }

    public String message() {
        return message;
    }

    public Instant createdAt() {
        return instant(createdAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScriptVersion other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
