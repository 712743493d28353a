package dev.scriptexecuter.incident.boundary;

import java.time.Instant;

/**
 * An incident was opened or resolved: fired in the transaction that did it,
 * so that what is written because of it (a notification's delivery) is
 * committed with it, once.
 *
 * @param kind   OVERDUE, LATE or SLOW
 * @param runId  the run it is about (a slow one, a late one), or null
 * @param text   what was seen (opened), or why it ended (resolved)
 */
public record IncidentChanged(String incidentId, String scriptId, String kind, boolean opened, String runId,
                              String text, Instant openedAt, Instant at) {
}
