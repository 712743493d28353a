package dev.scriptexecuter.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.security.entity.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Issues and verifies the API's bearer tokens: JWTs signed with ES256 by a key
 * kept in the database (generated at the first start), carrying issuer,
 * subject, groups and expiry. Verification accepts ES256 only.
 */
@ApplicationScoped
public class Tokens {

    private static final Logger LOG = Logger.getLogger(Tokens.class.getName());

    @Inject
    SigningKeyStore store;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "ses.jwt.issuer", defaultValue = "script-executer")
    String issuer;

    @Inject
    @ConfigProperty(name = "ses.jwt.lifetime", defaultValue = "PT1H")
    Duration maxLifetime;

    @Inject
    @ConfigProperty(name = "ses.jwt.clock-skew", defaultValue = "PT30S")
    Duration clockSkew;

    private volatile ECKey key;

    /** A token and when it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** Who a valid token speaks for. */
    public record Bearer(String username, Role role) {
    }

    /** @param lifetime how long the caller wants it valid; null or longer than the maximum means the maximum */
    public Issued issue(String username, Role role, Duration lifetime) {
        Duration valid = lifetime == null || lifetime.compareTo(maxLifetime) > 0 ? maxLifetime : lifetime;
        Instant now = clock.instant();
        Instant expires = now.plus(valid);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(username).claim("upn", username)
                .claim("groups", List.of(role.groupName()))
                .issueTime(Date.from(now)).expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString()).build();
        ECKey signingKey = key();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    /** The caller a token names, if it is well-formed, signed by our key, from our issuer and not expired. */
    public Optional<Bearer> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new ECDSAVerifier(key().toECPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            List<String> groups = claims.getStringListClaim("groups");
            if (!issuer.equals(claims.getIssuer()) || expiry == null || claims.getSubject() == null
                    || groups == null || groups.size() != 1
                    || clock.instant().isAfter(expiry.toInstant().plus(clockSkew))) {
                return Optional.empty();
            }
            return Optional.of(new Bearer(claims.getSubject(), Role.of(groups.getFirst())));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ECKey key() {
        ECKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadOrCreate();
                }
                current = key;
            }
        }
        return current;
    }

    private ECKey loadOrCreate() {
        SigningKey stored = store.find(SigningKey.TOKEN_KEY_ID);
        if (stored == null) {
            try {
                ECKey generated = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
                store.insert(new SigningKey(SigningKey.TOKEN_KEY_ID, "ES256", generated.toJSONString(),
                        generated.toPublicJWK().toJSONString(), clock.instant()));
                LOG.info("Generated the token signing key (ES256) and stored it in the database");
                return generated;
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot generate the token signing key", e);
            } catch (RuntimeException e) {
                stored = store.find(SigningKey.TOKEN_KEY_ID);
                if (stored == null) {
                    throw e;
                }
            }
        }
        try {
            return ECKey.parse(stored.privateKey());
        } catch (ParseException e) {
            throw new IllegalStateException("The stored token signing key cannot be read", e);
        }
    }
}
