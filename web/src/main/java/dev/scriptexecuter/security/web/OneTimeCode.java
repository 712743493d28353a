package dev.scriptexecuter.security.web;

import jakarta.security.enterprise.credential.Credential;

/** The second step of a dashboard login: a code typed on the code or enrolment page, for the pending login. */
record OneTimeCode(String code) implements Credential {
}
