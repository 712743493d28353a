package dev.scriptexecuter.audit.boundary;

import java.util.List;

/** A page of the audit log, newest first; {@code total} counts every entry the filter matches. */
public record AuditPage(List<AuditEntryView> items, long total, int offset, int limit) {
}
