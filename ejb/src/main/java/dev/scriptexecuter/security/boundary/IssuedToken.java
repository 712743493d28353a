package dev.scriptexecuter.security.boundary;

import java.time.Instant;

/** A bearer token for the API and when it stops being accepted. */
public record IssuedToken(String token, Instant expiresAt) {
}
