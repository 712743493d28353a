package dev.scriptexecuter.security.boundary;

import java.util.List;

/** Ten recovery codes, shown once: each logs in once in place of a one-time password. */
public record RecoveryCodes(List<String> codes) {
}
