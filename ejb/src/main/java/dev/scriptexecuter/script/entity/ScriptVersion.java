package dev.scriptexecuter.script.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
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

    @Embedded
    @AttributeOverride(name = "mainCode", column = @Column(name = "main_code", nullable = false, updatable = false))
    @AttributeOverride(name = "triggerCode", column = @Column(name = "trigger_code", updatable = false))
    @AttributeOverride(name = "requirements", column = @Column(name = "requirements", updatable = false))
    private ScriptCode code;

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
        this.code = script.code();
        this.contentHash = code.contentHash();
        this.author = Objects.requireNonNull(author);
        this.message = message;
        this.createdAt = column(now);
    }

    /** Whether the script's code is this version's. */
    public boolean matches(Script script) {
        return contentHash.equals(script.code().contentHash());
    }

    public String scriptId() {
        return scriptId;
    }

    public int number() {
        return number;
    }

    public ScriptCode code() {
        return code;
    }

    public String mainCode() {
        return code.mainCode();
    }

    public String triggerCode() {
        return code.triggerCode();
    }

    public String requirements() {
        return code.requirements();
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
