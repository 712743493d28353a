package dev.scriptexecuter.security.boundary;

import java.time.Instant;

/**
 * An account's second factor as its owner (or an admin) sees it: whether it logs in with one-time passwords and
 * since when, how many recovery codes are left, whether its role requires it, and whether an enrolment waits for
 * its confirming code. Never the secret.
 */
public record TwoFactorStatus(boolean enabled, Instant enabledAt, int recoveryCodesLeft, boolean required,
                              boolean enrolling) {
}
