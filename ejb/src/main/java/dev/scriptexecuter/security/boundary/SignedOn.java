package dev.scriptexecuter.security.boundary;

/** A login through the identity provider that succeeded: who, and the ID token that ends its session there. */
public record SignedOn(Caller caller, String idToken) {
}
