package dev.scriptexecuter.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the identity provider's tokens: signed by one of its keys (from its JWKS, asymmetric algorithms only:
 * never {@code none} or a shared secret), from exactly its issuer, for us (the audience), not expired, with a
 * subject. An ID token must also carry the nonce of the login it answers and be meant for this client. An access
 * token must show it is one, since an ID token names the same issuer and often the same audience: Keycloak's say
 * {@code "typ": "Bearer"}, RFC 9068's have the header type {@code at+jwt}, and others carry the scopes they grant
 * ({@code scope} or {@code scp}) and no {@code nonce}, which ID tokens never do the other way round.
 */
public final class OidcTokenVerifier {

    /** The signature algorithms accepted: every asymmetric one an identity provider signs with. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final String issuer;
    private final String clientId;
    private final String audience;
    private final JWKSource<SecurityContext> keys;

    /** A token that is not one we accept; the message says why, for the log, never for the caller. */
    public static final class InvalidToken extends Exception {
        InvalidToken(String message) {
            super(message);
        }
    }

    /**
     * @param audience what an access token for the API must name in {@code aud} (usually the client id)
     */
    public OidcTokenVerifier(String issuer, String clientId, String audience, JWKSource<SecurityContext> keys) {
        this.issuer = Objects.requireNonNull(issuer);
        this.clientId = Objects.requireNonNull(clientId);
        this.audience = Objects.requireNonNull(audience);
        this.keys = Objects.requireNonNull(keys);
    }

    /** An ID token from the code exchange of the login whose nonce this is. */
    public JWTClaimsSet idToken(String token, String nonce) throws InvalidToken {
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", nonce).build();
        return process(token, new Checks(clientId, exact, Set.of("sub", "exp", "iat"), "ID"));
    }

    /** A bearer token sent to the API. */
    public JWTClaimsSet accessToken(String token) throws InvalidToken {
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(issuer).build();
        return process(token, new Checks(audience, exact, Set.of("sub", "exp"), "Bearer"));
    }

    public String issuer() {
        return issuer;
    }

    private JWTClaimsSet process(String token, Checks checks) throws InvalidToken {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // "JWT", none, or RFC 9068's access token type; the last is noted for the access token checks
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null, AT_JWT,
                new JOSEObjectType("application/at+jwt")));
        try {
            JOSEObjectType type = SignedJWT.parse(token).getHeader().getType();
            checks.accessTokenHeader = type != null && type.getType().toLowerCase(java.util.Locale.ROOT)
                    .endsWith("at+jwt");
        } catch (ParseException e) {
            throw new InvalidToken("not a signed JWT");
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(checks);
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidToken("not a signed JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidToken(e.getMessage());
        }
    }

    /**
     * The library's checks (audience, exact claims, required claims, expiry with a minute's skew) and those of
     * the kind of token: an ID token that names its authorized party names this client; a token that says what
     * kind it is ({@code typ}, as Keycloak's do) is the kind asked for; an access token that does not say so
     * shows it otherwise (see the class).
     */
    private final class Checks extends DefaultJWTClaimsVerifier<SecurityContext> {

        private final String kind;
        private boolean accessTokenHeader;

        Checks(String audience, JWTClaimsSet exact, Set<String> required, String kind) {
            super(audience, exact, required);
            this.kind = kind;
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);
            if ("ID".equals(kind) && accessTokenHeader) {
                throw new BadJWTException("an access token (header type at+jwt) where an ID token was expected");
            }
            Object azp = claims.getClaim("azp");
            if ("ID".equals(kind) && azp != null && !clientId.equals(azp)) {
                throw new BadJWTException("the token was issued to another client (azp " + azp + ")");
            }
            Object typ = claims.getClaim("typ");
            if (typ != null && !kind.equalsIgnoreCase(typ.toString())) {
                throw new BadJWTException("a " + typ + " token where a " + kind + " token was expected");
            }
            if ("Bearer".equals(kind) && typ == null && !accessTokenHeader
                    && (claims.getClaim("nonce") != null
                    || claims.getClaim("scope") == null && claims.getClaim("scp") == null)) {
                throw new BadJWTException("not an access token (no typ, no scope, or a nonce)");
            }
        }
    }
}
