package dev.scriptexecuter.incident.control;

import dev.scriptexecuter.incident.boundary.IncidentChanged;
import dev.scriptexecuter.incident.entity.Incident;
import dev.scriptexecuter.incident.entity.IncidentKind;
import dev.scriptexecuter.infrastructure.Node;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;

/**
 * Opens and resolves incidents, each in a transaction of its own, exactly
 * once on any number of nodes: an incident is opened by inserting its row,
 * whose open slot ("script:kind") is unique while it is open, so a second
 * node's insert fails; it is resolved by a conditional update that only one
 * node's transaction can make. Whoever did it fires {@link IncidentChanged}
 * in that transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class IncidentLedger {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<IncidentChanged> changed;

    @Inject
    Node node;

    @Inject
    Clock clock;

    /**
     * Opens the script's incident of this kind unless one is open already.
     *
     * @return whether this call opened it (false: open already; a node that loses the race to another at the
     * same moment gets an exception from the unique open slot instead, and its transaction is rolled back)
     */
    public boolean open(String scriptId, IncidentKind kind, String runId, String detail) {
        if (openOne(scriptId, kind).isPresent()) {
            return false;
        }
        Instant now = clock.instant();
        Incident incident = new Incident(scriptId, kind, runId, detail, node.name(), now);
        em.persist(incident);
        em.flush();
        changed.fire(new IncidentChanged(incident.id(), scriptId, kind.name(), true, runId, incident.detail(), now, now));
        return true;
    }

    /**
     * Resolves the script's open incident of this kind ({@code runId} given: only if it is that run's).
     *
     * @return whether this call resolved it
     */
    public boolean resolve(String scriptId, IncidentKind kind, String runId, String resolution) {
        Optional<Incident> open = openOne(scriptId, kind);
        if (open.isEmpty() || (runId != null && !runId.equals(open.get().runId()))) {
            return false;
        }
        Incident incident = open.get();
        Instant now = clock.instant();
        int resolved = em.createQuery("UPDATE Incident i SET i.openSlot = NULL, i.resolvedAt = :now,"
                        + " i.resolution = :resolution WHERE i.id = :id AND i.openSlot IS NOT NULL")
                .setParameter("now", column(now)).setParameter("resolution", Incident.limit(resolution))
                .setParameter("id", incident.id()).executeUpdate();
        if (resolved != 1) {
            return false;
        }
        changed.fire(new IncidentChanged(incident.id(), scriptId, kind.name(), false, incident.runId(),
                Incident.limit(resolution), incident.openedAt(), now));
        return true;
    }

    /** The open incidents of a kind, whichever script: what a check looks at to resolve them. */
    public List<Incident> open(IncidentKind kind) {
        return em.createQuery("SELECT i FROM Incident i WHERE i.kind = :kind AND i.openSlot IS NOT NULL",
                Incident.class).setParameter("kind", kind).getResultList();
    }

    private Optional<Incident> openOne(String scriptId, IncidentKind kind) {
        return em.createQuery("SELECT i FROM Incident i WHERE i.openSlot = :slot", Incident.class)
                .setParameter("slot", Incident.slot(scriptId, kind)).getResultStream().findFirst();
    }
}
