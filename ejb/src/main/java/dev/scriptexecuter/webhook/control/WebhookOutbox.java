package dev.scriptexecuter.webhook.control;

import dev.scriptexecuter.execution.boundary.RunEnding;
import dev.scriptexecuter.execution.boundary.RunsPurging;
import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.webhook.entity.Webhook;
import dev.scriptexecuter.webhook.entity.WebhookDelivery;
import dev.scriptexecuter.webhook.entity.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Notes the webhook event a finished run is (failure, timeout, recovery) as a
 * pending delivery, in the transaction that ends the run: the event is sent
 * exactly when the run's end is committed, by whichever node gets to it.
 */
@ApplicationScoped
public class WebhookOutbox {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * A finished run's event, as a delivery: in the transaction that ends the run. The webhooks are looked
     * up first, in one query: most scripts have none, and then the run is not read at all.
     */
    void onRunEnding(@Observes RunEnding ending) {
        Webhook webhook = webhookFor(ending.scriptId());
        if (webhook == null) {
            return;
        }
        Optional<WebhookEvent> event = WebhookEvent.of(ending.outcome(), ending.outcome() == RunOutcome.SUCCEEDED
                ? previousOutcome(ending.runId(), ending.scriptId()) : null);
        if (event.isEmpty() || !webhook.events().contains(event.get())) {
            return;
        }
        Run run = em.find(Run.class, ending.runId());
        if (run != null) {
            em.persist(new WebhookDelivery(run.id(), ending.scriptId(), webhook.scope(), event.get(), webhook.url(),
                    payload(run, event.get()), clock.instant()));
        }
    }

    /** Runs whose delivery is still pending stay until it is made (or given up). */
    void onRunsPurging(@Observes RunsPurging purging) {
        purging.hold(em.createQuery("SELECT d.runId FROM WebhookDelivery d WHERE d.runId IN :ids"
                        + " AND d.status = :pending", String.class)
                .setParameter("ids", purging.runIds()).setParameter("pending", WebhookDelivery.Status.PENDING)
                .getResultList());
    }

    /** The script's own webhook, else the global one, else null. */
    private Webhook webhookFor(String scriptId) {
        Webhook global = null;
        var found = em.createQuery("SELECT w FROM Webhook w WHERE w.scope IN (:script, :global)", Webhook.class)
                .setParameter("script", scriptId).setParameter("global", Webhook.GLOBAL).getResultList();
        for (Webhook webhook : found) {
            if (webhook.scope().equals(scriptId)) {
                return webhook;
            }
            global = webhook;
        }
        return global;
    }

    private RunOutcome previousOutcome(String runId, String scriptId) {
        return em.createQuery("SELECT r.outcome FROM Run r WHERE r.script.id = :script AND r.status = :finished"
                        + " AND r.id <> :id AND r.outcome NOT IN :ignored ORDER BY r.finishedAt DESC", RunOutcome.class)
                .setParameter("script", scriptId).setParameter("finished", RunStatus.FINISHED)
                .setParameter("id", runId)
                .setParameter("ignored", java.util.List.of(RunOutcome.SKIPPED, RunOutcome.OVERLAPPED, RunOutcome.STOPPED,
                        RunOutcome.MISSED))
                .setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    private static String payload(Run run, WebhookEvent event) {
        JsonObjectBuilder json = Json.PROVIDER.createObjectBuilder()
                .add("event", event.name().toLowerCase())
                .add("runId", run.id())
                .add("scriptId", run.script().id())
                .add("scriptName", run.script().name())
                .add("outcome", run.outcome().name())
                .add("trigger", run.trigger().name())
                .add("attempt", run.attempt())
                .add("node", run.nodeName());
        add(json, "scheduledFor", run.scheduledFor());
        add(json, "startedAt", run.startedAt());
        add(json, "finishedAt", run.finishedAt());
        if (run.startedAt() != null && run.finishedAt() != null) {
            json.add("durationMillis", Duration.between(run.startedAt(), run.finishedAt()).toMillis());
        }
        if (run.exitCode() != null) {
            json.add("exitCode", run.exitCode());
        }
        if (run.scriptVersion() != null) {
            json.add("scriptVersion", run.scriptVersion());
        }
        if (run.error() != null) {
            json.add("error", run.error());
        }
        return json.build().toString();
    }

    private static void add(JsonObjectBuilder json, String name, Instant time) {
        if (time != null) {
            json.add(name, time.toString());
        }
    }
}
