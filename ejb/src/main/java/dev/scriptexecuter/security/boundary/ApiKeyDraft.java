package dev.scriptexecuter.security.boundary;

/**
 * A new API key: a name, optionally when it expires (ISO-8601), and for admins
 * optionally the username of the account it acts for (default: the caller).
 */
public record ApiKeyDraft(String name, String expiresAt, String owner) {
}
