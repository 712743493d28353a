package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.infrastructure.Role;

/** Who is making a request, and with which role. */
public record Caller(String username, Role role) {
}
