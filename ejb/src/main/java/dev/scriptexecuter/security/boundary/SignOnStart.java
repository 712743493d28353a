package dev.scriptexecuter.security.boundary;

import java.io.Serializable;
import java.net.URI;
import java.time.Instant;

/**
 * A login begun at the identity provider: where the browser goes ({@code location}), and what the session keeps
 * until it comes back: the state that comes back with it, the nonce its ID token must carry, the PKCE verifier,
 * and the redirect address the code is for.
 */
public record SignOnStart(URI location, String state, String nonce, String verifier, String redirectUri,
                          Instant since) implements Serializable {
}
