package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.security.entity.Role;

/** Who is making a request, and with which role. */
public record Caller(String username, Role role) {
}
