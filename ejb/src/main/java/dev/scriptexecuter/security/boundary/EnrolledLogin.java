package dev.scriptexecuter.security.boundary;

/** A login that set up its second factor on the way in: who logged in, and the recovery codes to show once. */
public record EnrolledLogin(Caller caller, RecoveryCodes recoveryCodes) {
}
