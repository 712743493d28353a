package dev.scriptexecuter.security.boundary;

/**
 * An account as an admin submits it. On update a missing password keeps the
 * current one, a missing role or enabled flag keeps the current value.
 */
public record UserDraft(String username, String password, String role, Boolean enabled) {
}
