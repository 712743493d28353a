package dev.scriptexecuter.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;

/**
 * The key pair that signs the API's tokens, generated at the first start and
 * shared through the database so that every node verifies every other node's tokens.
 */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    /** There is one token key; a fixed id makes two nodes starting at once agree on it. */
    public static final String TOKEN_KEY_ID = "jwt-es256";

    @Id
    private String id;

    @Column(nullable = false)
    private String algorithm;

    @Lob
    @Column(name = "private_key", nullable = false)
    private String privateKey;

    @Lob
    @Column(name = "public_key", nullable = false)
    private String publicKey;

    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    protected SigningKey() {
    }

    public SigningKey(String id, String algorithm, String privateKey, String publicKey, Instant now) {
        this.id = id;
        this.algorithm = algorithm;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.createdAt = column(now);
    }

    public String id() {
        return id;
    }

    public String algorithm() {
        return algorithm;
    }

    /** The key pair as a private JSON Web Key. */
    public String privateKey() {
        return privateKey;
    }

    /** The public half as a JSON Web Key. */
    public String publicKey() {
        return publicKey;
    }
}
