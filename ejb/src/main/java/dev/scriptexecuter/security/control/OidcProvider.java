package dev.scriptexecuter.security.control;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The OpenID Connect identity provider as this server talks to it: its endpoints from its discovery document
 * (read at first need, kept; tried again at most every {@link #RETRY} while it cannot be read), the authorization
 * request, the code exchange (the client secret sent as HTTP Basic, with the PKCE verifier), its tokens checked
 * against its published keys (fetched and cached by Nimbus, fetched again for a key id not seen before), and the
 * address that ends a session there.
 */
@ApplicationScoped
public class OidcProvider {

    private static final Logger LOG = Logger.getLogger(OidcProvider.class.getName());
    private static final Duration RETRY = Duration.ofSeconds(10);
    /** The largest document (discovery, keys, token answer) read from the provider. */
    private static final int MAX_DOCUMENT = 512 * 1024;

    @Inject
    SignOnSettings settings;

    @Inject
    Clock clock;

    private volatile Discovered discovered;
    private volatile Instant lastFailure = Instant.MIN;
    private volatile HttpClient http;

    /** The provider cannot be reached or gave an answer we cannot use; the message is for people. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** The endpoints of the discovery document that a login uses, and the checks of its tokens. */
    private record Discovered(URI authorization, URI token, URI endSession, OidcTokenVerifier verifier) {
    }

    /** What the code exchange answered. */
    public record Answer(String idToken, JWTClaimsSet claims) {
    }

    /** Where to send the browser to log in: the code flow, with the state, nonce and PKCE challenge. */
    public URI authorizationRequest(String redirectUri, String state, String nonce, String verifier) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", settings.scopes());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", Pkce.challenge(verifier));
        query.put("code_challenge_method", "S256");
        URI endpoint = discovered().authorization();
        return URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&") + form(query));
    }

    /** Trades the code for tokens and checks the ID token (signature, issuer, audience, expiry, nonce). */
    public Answer exchange(String code, String redirectUri, String verifier, String nonce) {
        Discovered provider = discovered();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        body.put("code_verifier", verifier);
        body.put("client_id", settings.clientId());
        HttpRequest.Builder request = HttpRequest.newBuilder(provider.token()).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)));
        if (settings.clientSecret() != null) {
            String pair = encode(settings.clientId()) + ":" + encode(settings.clientSecret());
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, Object> answer = json(send(request.build(), "its token endpoint"), "its token endpoint");
        Object idToken = answer.get("id_token");
        if (!(idToken instanceof String token)) {
            throw new Unavailable("The identity provider's answer to the login carried no ID token.");
        }
        try {
            return new Answer(token, provider.verifier().idToken(token, nonce));
        } catch (OidcTokenVerifier.InvalidToken e) {
            LOG.warning("Refused an ID token from the identity provider: " + e.getMessage());
            throw new Unavailable("The identity provider's answer to the login could not be verified.");
        }
    }

    /**
     * The claims of an access token the provider issued for the API, if it is one: a token of another issuer is
     * refused before any request to the provider.
     */
    public Optional<JWTClaimsSet> accessToken(String token) {
        try {
            // signed tokens only: a JWT parser would also take an encrypted or unsigned one, without claims to read
            JWTClaimsSet unverified = SignedJWT.parse(token).getJWTClaimsSet();
            if (unverified == null || !settings.issuer().equals(unverified.getIssuer())) {
                return Optional.empty();
            }
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(discovered().verifier().accessToken(token));
        } catch (OidcTokenVerifier.InvalidToken e) {
            LOG.fine(() -> "Refused a bearer token of the identity provider: " + e.getMessage());
            return Optional.empty();
        } catch (Unavailable e) {
            return Optional.empty();
        }
    }

    /**
     * Where to send the browser to end its session at the provider too (RP-initiated logout), coming back to
     * {@code after}; empty if the provider has no such endpoint or cannot be reached.
     */
    public Optional<URI> logout(String idToken, String after) {
        Discovered provider;
        try {
            provider = discovered();
        } catch (Unavailable e) {
            return Optional.empty();
        }
        if (provider.endSession() == null) {
            return Optional.empty();
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (idToken != null) {
            query.put("id_token_hint", idToken);
        }
        query.put("post_logout_redirect_uri", after);
        query.put("client_id", settings.clientId());
        URI endpoint = provider.endSession();
        return Optional.of(URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&") + form(query)));
    }

    private Discovered discovered() {
        Discovered known = discovered;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (discovered == null) {
                if (lastFailure.plus(RETRY).isAfter(clock.instant())) {
                    throw new Unavailable("The identity provider cannot be reached at the moment; try again shortly.");
                }
                try {
                    discovered = discover();
                } catch (Unavailable e) {
                    lastFailure = clock.instant();
                    throw e;
                }
            }
            return discovered;
        }
    }

    private Discovered discover() {
        String issuer = settings.issuer();
        URI address = URI.create((issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/openid-configuration");
        HttpRequest request = HttpRequest.newBuilder(address).timeout(settings.timeout())
                .header("Accept", "application/json").GET().build();
        Map<String, Object> document = json(send(request, "its discovery document"), "its discovery document");
        if (!issuer.equals(document.get("issuer"))) {
            LOG.severe("The identity provider's discovery document names the issuer '" + document.get("issuer")
                    + "', not '" + issuer + "' as ses.auth.oidc.issuer says: single sign-on is refused.");
            throw new Unavailable("The identity provider is not set up as this server expects; see the server log.");
        }
        URI authorization = endpoint(document, "authorization_endpoint", true);
        URI token = endpoint(document, "token_endpoint", true);
        URI keys = endpoint(document, "jwks_uri", true);
        URI endSession = endpoint(document, "end_session_endpoint", false);
        int millis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        JWKSource<SecurityContext> source;
        try {
            source = JWKSourceBuilder.<SecurityContext>create(keys.toURL(),
                    new DefaultResourceRetriever(millis, millis, MAX_DOCUMENT)).build();
        } catch (MalformedURLException e) {
            throw new Unavailable("The identity provider's key address cannot be used.");
        }
        LOG.info("Single sign-on through " + issuer + " (client " + settings.clientId() + ")");
        return new Discovered(authorization, token, endSession,
                new OidcTokenVerifier(issuer, settings.clientId(), settings.audience(), source));
    }

    private static URI endpoint(Map<String, Object> document, String name, boolean required) {
        Object value = document.get(name);
        if (value instanceof String text && (text.startsWith("https://") || text.startsWith("http://"))) {
            return URI.create(text);
        }
        if (!required && value == null) {
            return null;
        }
        LOG.severe("The identity provider's discovery document has no usable " + name + ": " + value);
        throw new Unavailable("The identity provider is not set up as this server expects; see the server log.");
    }

    private String send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.body().length() > MAX_DOCUMENT) {
                throw new Unavailable("The identity provider's answer is too large.");
            }
            if (response.statusCode() != 200) {
                LOG.warning("The identity provider answered " + response.statusCode() + " from " + what + ": "
                        + abbreviated(response.body()));
                throw new Unavailable(response.statusCode() == 400 || response.statusCode() == 401
                        ? "The identity provider refused the login (the code may have been used already, or have"
                        + " expired); log in again."
                        : "The identity provider answered with an error; try again shortly.");
            }
            return response.body();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot reach the identity provider (" + what + ")", e);
            throw new Unavailable("The identity provider cannot be reached at the moment; try again shortly.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("The login was interrupted; try again.");
        }
    }

    private static Map<String, Object> json(String text, String what) {
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            LOG.warning("The identity provider's " + what + " is not JSON: " + abbreviated(text));
            throw new Unavailable("The identity provider answered with something this server cannot read.");
        }
    }

    private HttpClient client() {
        HttpClient current = http;
        if (current == null) {
            current = HttpClient.newBuilder().connectTimeout(settings.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            http = current;
        }
        return current;
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
