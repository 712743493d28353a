package dev.scriptexecuter.incident.boundary;

import dev.scriptexecuter.incident.entity.Incident;

import java.time.Instant;

/** An incident as the API and the dashboard show it; {@code resolvedAt} null while it is open. */
public record IncidentView(String id, String scriptId, String scriptName, String kind, boolean open, String runId,
                           Instant openedAt, Instant resolvedAt, String detail, String resolution, String node) {

    static IncidentView of(Incident incident, String scriptName) {
        return new IncidentView(incident.id(), incident.scriptId(), scriptName, incident.kind().name(), incident.open(),
                incident.runId(), incident.openedAt(), incident.resolvedAt(), incident.detail(), incident.resolution(),
                incident.nodeName());
    }
}
