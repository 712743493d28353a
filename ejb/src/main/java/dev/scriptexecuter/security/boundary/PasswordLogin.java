package dev.scriptexecuter.security.boundary;

/** A right password, and what the login needs next: nothing, the second factor's code, or an enrolment first. */
public record PasswordLogin(Caller caller, Next next) {

    public enum Next { NONE, CODE, ENROL }
}
