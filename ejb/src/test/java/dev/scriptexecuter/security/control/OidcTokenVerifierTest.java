package dev.scriptexecuter.security.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks of the identity provider's tokens, with keys of our own in place of its JWKS. */
class OidcTokenVerifierTest {

    private static final String ISSUER = "https://login.example.org/realms/ses";
    private static final String CLIENT = "script-executer";
    private static final String NONCE = "n-0S6_WzA2Mj";

    private static RSAKey key;
    private static RSAKey otherKey;
    private static OidcTokenVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate(); // the same key id: only the signature differs
        verifier = new OidcTokenVerifier(ISSUER, CLIENT, CLIENT,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
    }

    @Test
    void anIdTokenOfThisLoginIsTaken() throws Exception {
        JWTClaimsSet claims = verifier.idToken(signed(idToken(b -> b)), NONCE);
        assertThat(claims.getSubject()).isEqualTo("f:1234");
        assertThat(claims.getStringListClaim("groups")).containsExactly("ses-admins");
    }

    @Test
    void anIdTokenIsRefusedForAnyOtherNonceIssuerAudienceOrClient() {
        refusedAsIdToken(signed(idToken(b -> b)), "another-nonce");
        refusedAsIdToken(signed(idToken(b -> b.claim("nonce", null))), NONCE);
        refusedAsIdToken(signed(idToken(b -> b.issuer("https://login.example.org/realms/other"))), NONCE);
        refusedAsIdToken(signed(idToken(b -> b.issuer(ISSUER + "/"))), NONCE);
        refusedAsIdToken(signed(idToken(b -> b.audience("another-client"))), NONCE);
        refusedAsIdToken(signed(idToken(b -> b.audience(List.of(CLIENT, "x")).claim("azp", "x"))), NONCE);
        refusedAsIdToken(signed(idToken(b -> b.claim("typ", "Bearer"))), NONCE);
        refusedAsIdToken(signed(idToken(b -> b.claim("typ", null)), key, new JOSEObjectType("at+jwt")), NONCE);
    }

    @Test
    void expiredOrSubjectlessTokensAreRefused() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        refusedAsIdToken(signed(idToken(b -> b.issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(300))))), NONCE);
        refusedAsIdToken(signed(idToken(b -> b.subject(null))), NONCE);
        refusedAsIdToken(signed(idToken(b -> b.expirationTime(null))), NONCE);
    }

    @Test
    void onlyASignatureOfTheProvidersKeysCounts() throws Exception {
        refusedAsIdToken(signed(idToken(b -> b), otherKey), NONCE);
        // alg "none", and a shared-secret signature made with the public key's bytes (the algorithm confusion)
        refusedAsIdToken(new PlainJWT(idToken(b -> b)).serialize(), NONCE);
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), idToken(b -> b));
        hmac.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));
        refusedAsIdToken(hmac.serialize(), NONCE);
        refusedAsIdToken("not a token", NONCE);
    }

    @Test
    void anAccessTokenForTheApiIsTakenAndAnIdTokenIsNot() throws Exception {
        String access = signed(accessToken(b -> b));
        assertThat(verifier.accessToken(access).getStringClaim("preferred_username")).isEqualTo("alice");
        refusedAsAccessToken(signed(idToken(b -> b)));
        refusedAsAccessToken(signed(accessToken(b -> b.audience("account"))));
        refusedAsAccessToken(signed(accessToken(b -> b.issuer("https://login.example.org/realms/other"))));
        refusedAsAccessToken(signed(accessToken(b -> b), otherKey));
    }

    @Test
    void withoutTypAnAccessTokenIsKnownByItsScopesOrItsHeaderAndAnIdTokenIsNot() throws Exception {
        // not every provider writes typ: scopes (scope or scp) and no nonce make an access token
        assertThat(verifier.accessToken(signed(accessToken(b -> b.claim("typ", null)))).getSubject())
                .isEqualTo("f:1234");
        assertThat(verifier.accessToken(signed(accessToken(b -> b.claim("typ", null).claim("scope", null)
                .claim("scp", List.of("api.read"))))).getSubject()).isEqualTo("f:1234");
        // RFC 9068's header type says so on its own
        assertThat(verifier.accessToken(signed(accessToken(b -> b.claim("typ", null).claim("scope", null)), key,
                new JOSEObjectType("at+jwt"))).getSubject()).isEqualTo("f:1234");
        // an ID token of a provider that writes no typ: for the client (the API's audience too), with a nonce
        refusedAsAccessToken(signed(idToken(b -> b.claim("typ", null))));
        refusedAsAccessToken(signed(accessToken(b -> b.claim("typ", null).claim("scope", null))));
        refusedAsAccessToken(signed(accessToken(b -> b.claim("typ", null).claim("nonce", NONCE))));
        // an encrypted token is no signed one
        refusedAsAccessToken("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkExMjhHQ00ifQ.a.b.c.d");
    }

    private static void refusedAsIdToken(String token, String nonce) {
        assertThatThrownBy(() -> verifier.idToken(token, nonce)).isInstanceOf(OidcTokenVerifier.InvalidToken.class);
    }

    private static void refusedAsAccessToken(String token) {
        assertThatThrownBy(() -> verifier.accessToken(token)).isInstanceOf(OidcTokenVerifier.InvalidToken.class);
    }

    private static JWTClaimsSet idToken(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(common().audience(CLIENT).claim("typ", "ID").claim("azp", CLIENT).claim("nonce", NONCE))
                .build();
    }

    private static JWTClaimsSet accessToken(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(common().audience(List.of(CLIENT, "account")).claim("typ", "Bearer")
                .claim("azp", "some-cli").claim("scope", "openid profile")).build();
    }

    private static JWTClaimsSet.Builder common() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("f:1234").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).claim("preferred_username", "alice")
                .claim("groups", List.of("ses-admins"));
    }

    private static String signed(JWTClaimsSet claims) {
        return signed(claims, key);
    }

    private static String signed(JWTClaimsSet claims, RSAKey with) {
        return signed(claims, with, JOSEObjectType.JWT);
    }

    private static String signed(JWTClaimsSet claims, RSAKey with, JOSEObjectType type) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type)
                    .keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
