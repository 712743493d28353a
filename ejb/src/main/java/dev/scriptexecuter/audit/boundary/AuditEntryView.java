package dev.scriptexecuter.audit.boundary;

import dev.scriptexecuter.audit.entity.AuditEntry;

import java.time.Instant;

/** An audit entry as the API and the dashboard show it. */
public record AuditEntryView(String id, Instant at, String actor, String action, String targetType, String targetId,
                             String targetName, String detail, String address) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.occurredAt(), entry.actor(), entry.action().name(),
                entry.targetType(), entry.targetId(), entry.targetName(), entry.detail(), entry.address());
    }
}
