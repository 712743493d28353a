package dev.scriptexecuter.audit.boundary;

import java.time.Instant;

/**
 * A filter on the audit log; null fields do not filter. {@code action} is an
 * action's name ({@code SCRIPT_UPDATED}), {@code target} a target's id.
 */
public record AuditQuery(String actor, String action, String target, Instant since, Instant until, int offset,
                         int limit) {
}
