package dev.scriptexecuter.environment.control;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;

import dev.scriptexecuter.environment.boundary.EnvironmentBuilt;
import dev.scriptexecuter.environment.entity.Environment;
import dev.scriptexecuter.environment.entity.EnvironmentStatus;
import dev.scriptexecuter.infrastructure.NativeUpdate;
import dev.scriptexecuter.infrastructure.Node;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Writes what happens to environments to the database, each step committed at once. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class EnvironmentLedger {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Node node;

    @Inject
    jakarta.enterprise.event.Event<EnvironmentBuilt> builds;

    /** The record of an environment, created (as BUILDING) the first time a script needs it. */
    public EnvironmentRecord register(String id, String requirementsText) {
        Environment environment = em.find(Environment.class, id);
        if (environment == null) {
            environment = new Environment(id, requirementsText, clock.instant());
            em.persist(environment);
        }
        return EnvironmentRecord.of(environment);
    }

    public Optional<EnvironmentRecord> find(String id) {
        return Optional.ofNullable(em.find(Environment.class, id)).map(EnvironmentRecord::of);
    }

    public void building(String id) {
        Environment environment = em.find(Environment.class, id);
        if (environment != null) {
            environment.building();
        }
    }

    /** Records a build; a failed one with its cause and the time before which pip is not tried again. */
    public EnvironmentRecord built(String id, String requirementsText, EnvironmentBuilder.Build build, long millis,
                                   BuildBackoff backoff) {
        Environment environment = em.find(Environment.class, id);
        if (environment == null) {
            environment = new Environment(id, requirementsText, clock.instant());
            em.persist(environment);
        }
        java.time.Instant now = clock.instant();
        environment.built(build.succeeded(), build.python() == null ? null : build.python().toString(), build.log(),
                build.sizeBytes(), millis, node.name(), now);
        if (!build.succeeded()) {
            environment.failedBecause(PipOutput.diagnose(build.log()).summary(),
                    backoff.nextAttempt(now, environment.failedBuilds()));
        }
        builds.fire(new EnvironmentBuilt(build.succeeded(), millis));
        return EnvironmentRecord.of(environment);
    }

    /** A person saved a script that needs it, or asked for a rebuild: a failed environment is built at once. */
    public void retryNow(String id) {
        Environment environment = em.find(Environment.class, id);
        if (environment != null && environment.status() == EnvironmentStatus.FAILED) {
            environment.retryNow();
        }
    }

    /** Why the latest build failed, cause first; for a build recorded before causes were, read from its log. */
    public Optional<String> error(String id) {
        return Optional.ofNullable(em.find(Environment.class, id)).map(environment -> environment.error() != null
                ? environment.error() : PipOutput.diagnose(environment.installLog()).summary());
    }

    /**
     * Notes a run's use. Native SQL: many runs use an environment at the same
     * moment, and the entity's optimistic lock would fail all but one of them.
     */
    public void used(String id) {
        NativeUpdate.execute(em, "UPDATE environment SET last_used_at = ?, unused_since = NULL WHERE id = ?",
                column(clock.instant()), id);
    }

    public Optional<String> installLog(String id) {
        return Optional.ofNullable(em.find(Environment.class, id)).map(Environment::installLog);
    }

    /** The raw requirements of a script, or empty if it has none or is gone. */
    public Optional<String[]> requirementsOfScript(String scriptId) {
        List<Object[]> rows = em.createQuery("SELECT s.requirementsHash, s.code.requirements FROM Script s WHERE s.id = :id",
                Object[].class).setParameter("id", scriptId).getResultList();
        return rows.stream().filter(row -> row[0] != null)
                .map(row -> new String[] {(String) row[0], (String) row[1]}).findFirst();
    }

    public List<String> ids() {
        return em.createQuery("SELECT e.id FROM Environment e ORDER BY e.createdAt", String.class).getResultList();
    }

    /**
     * Notes for each environment whether a script still needs it, and returns
     * the ids of those nobody has needed since before {@code cutoff}.
     */
    public List<String> unusedSince(java.time.Instant cutoff) {
        List<Environment> all = em.createQuery("SELECT e FROM Environment e", Environment.class).getResultList();
        List<String> referenced = em.createQuery("SELECT DISTINCT s.requirementsHash FROM Script s"
                + " WHERE s.requirementsHash IS NOT NULL", String.class).getResultList();
        java.time.Instant now = clock.instant();
        return all.stream().peek(e -> e.referenced(referenced.contains(e.id()), now))
                .filter(e -> e.unusedSince() != null && e.unusedSince().isBefore(cutoff)
                        && e.status() != EnvironmentStatus.BUILDING)
                .map(Environment::id).toList();
    }

    public void delete(String id) {
        Environment environment = em.find(Environment.class, id);
        if (environment != null) {
            em.remove(environment);
        }
    }
}
