package dev.scriptexecuter.variable.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A named value a script's runs get in their environment: global (scope
 * {@link #GLOBAL}) or of one script (scope = the script's id), which wins over
 * a global one of the same name. A secret's value is kept only sealed
 * (AES-GCM), never in clear.
 */
@Entity
@Table(name = "variable")
@NamedQuery(name = Variable.FIND_IN_SCOPE, query = "SELECT v FROM Variable v WHERE v.scope = :scope ORDER BY v.name")
@NamedQuery(name = Variable.FIND_ONE, query = "SELECT v FROM Variable v WHERE v.scope = :scope AND v.name = :name")
@NamedQuery(name = Variable.FIND_FOR_RUN, query = "SELECT v FROM Variable v WHERE v.scope = :global"
        + " OR v.scope = :scriptId")
@NamedQuery(name = Variable.FIND_SEALED_NOT_WITH, query = "SELECT v FROM Variable v WHERE v.secret = true"
        + " AND v.keyId <> :keyId")
public class Variable {

    public static final String GLOBAL = "*";
    public static final String FIND_IN_SCOPE = "Variable.findInScope";
    public static final String FIND_ONE = "Variable.findOne";
    public static final String FIND_FOR_RUN = "Variable.findForRun";
    public static final String FIND_SEALED_NOT_WITH = "Variable.findSealedNotWith";

    @Id
    private String id;

    @Column(nullable = false, updatable = false)
    private String scope;

    /** The script for a script's variable (deleted with it); null for a global one. */
    @Column(name = "script_id", updatable = false)
    private String scriptId;

    @Column(nullable = false, updatable = false)
    private String name;

    private boolean secret;

    @Lob
    @Column(name = "plain_value")
    private String plainValue;

    @Lob
    @Column(name = "sealed_value")
    private String sealedValue;

    @Column(name = "key_id")
    private String keyId;

    @Column(name = "updated_at", nullable = false)
    private java.time.LocalDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    private long version;

    protected Variable() {
    }

    public Variable(String scope, String name) {
        this.id = UUID.randomUUID().toString();
        this.scope = Objects.requireNonNull(scope);
        this.scriptId = GLOBAL.equals(scope) ? null : scope;
        this.name = Objects.requireNonNull(name);
    }

    /** What a sealed value is bound to: a copy under another scope or name does not open. */
    public String context() {
        return scope + ":" + name;
    }

    public void setPlain(String value, String by, Instant now) {
        this.secret = false;
        this.plainValue = Objects.requireNonNull(value);
        this.sealedValue = null;
        this.keyId = null;
        touched(by, now);
    }

    public void setSealed(String keyId, String sealed, String by, Instant now) {
        this.secret = true;
        this.plainValue = null;
        this.sealedValue = Objects.requireNonNull(sealed);
        this.keyId = Objects.requireNonNull(keyId);
        touched(by, now);
    }

    /** The same secret sealed again (with another key): not a change anybody made. */
    public void reseal(String keyId, String sealed) {
        this.sealedValue = Objects.requireNonNull(sealed);
        this.keyId = Objects.requireNonNull(keyId);
    }

    private void touched(String by, Instant now) {
        this.updatedBy = Objects.requireNonNull(by);
        this.updatedAt = column(now);
    }

    public String scope() {
        return scope;
    }

    public boolean global() {
        return GLOBAL.equals(scope);
    }

    public String name() {
        return name;
    }

    public boolean secret() {
        return secret;
    }

    public String plainValue() {
        return plainValue;
    }

    public String sealedValue() {
        return sealedValue;
    }

    public String keyId() {
        return keyId;
    }

    public Instant updatedAt() {
        return instant(updatedAt);
    }

    public String updatedBy() {
        return updatedBy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variable other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
