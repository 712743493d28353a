package dev.scriptexecuter.webhook.control;

import dev.scriptexecuter.execution.boundary.RunEnding;
import dev.scriptexecuter.execution.boundary.RunsPurging;
import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.incident.boundary.IncidentChanged;
import dev.scriptexecuter.script.entity.Script;
import dev.scriptexecuter.webhook.entity.MailAlert;
import dev.scriptexecuter.webhook.entity.Webhook;
import dev.scriptexecuter.webhook.entity.WebhookDelivery;
import dev.scriptexecuter.webhook.entity.WebhookEvent;
import dev.scriptexecuter.webhook.entity.WebhookFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

    /** The dashboard's address as people reach it (behind a proxy: the proxy's), for links in messages; optional. */
    @Inject
    @ConfigProperty(name = "ses.public-url")
    Optional<String> publicUrl = Optional.empty();

    /**
     * A finished run's event, as deliveries (to the webhook, by e-mail): in the transaction that ends the run.
     * Webhook and e-mail alerts are looked up first, in one query each: most scripts have none, and then the
     * run is not read at all.
     */
    void onRunEnding(@Observes RunEnding ending) {
        Webhook webhook = webhookFor(ending.scriptId());
        MailAlert mail = mailAlertFor(ending.scriptId());
        if (webhook == null && mail == null) {
            return;
        }
        Optional<WebhookEvent> event = WebhookEvent.of(ending.outcome(), ending.outcome() == RunOutcome.SUCCEEDED
                ? previousOutcome(ending.runId(), ending.scriptId()) : null);
        boolean toWebhook = webhook != null && event.isPresent() && webhook.events().contains(event.get());
        boolean toMail = mail != null && event.isPresent() && mail.events().contains(event.get());
        if (!toWebhook && !toMail) {
            return;
        }
        Run run = em.find(Run.class, ending.runId());
        if (run == null) {
            return;
        }
        if (toWebhook) {
            em.persist(new WebhookDelivery(run.id(), ending.scriptId(), webhook.scope(), event.get(), webhook.url(),
                    body(webhook.format(), run, event.get()), clock.instant()));
        }
        if (toMail) {
            em.persist(new WebhookDelivery(run.id(), ending.scriptId(), mail.scope(), event.get(), mailto(mail),
                    MailBodies.of(notice(run, event.get())), clock.instant()));
        }
    }

    /**
     * An incident opened or was resolved: its event, as deliveries, in the transaction that opened or resolved
     * it (so once, on whichever node did).
     */
    void onIncident(@Observes IncidentChanged incident) {
        WebhookEvent event = incident.opened() ? WebhookEvent.valueOf(incident.kind()) : WebhookEvent.RESOLVED;
        Webhook webhook = webhookFor(incident.scriptId());
        MailAlert mail = mailAlertFor(incident.scriptId());
        boolean toWebhook = webhook != null && webhook.events().contains(event);
        boolean toMail = mail != null && mail.events().contains(event);
        Script script = toWebhook || toMail ? em.find(Script.class, incident.scriptId()) : null;
        if (script == null) {
            return;
        }
        if (toWebhook) {
            em.persist(new WebhookDelivery(incident.runId(), script.id(), webhook.scope(), event, webhook.url(),
                    incidentBody(webhook.format(), script, incident, event), clock.instant())
                    .ofIncident(incident.incidentId()));
        }
        if (toMail) {
            em.persist(new WebhookDelivery(incident.runId(), script.id(), mail.scope(), event, mailto(mail),
                    MailBodies.of(incidentNotice(script, incident)), clock.instant()).ofIncident(incident.incidentId()));
        }
    }

    /** Where an e-mail delivery goes: {@code mailto:} and its recipients, as the dispatcher reads it. */
    private static String mailto(MailAlert mail) {
        return WebhookUrls.MAILTO + String.join(",", mail.recipients());
    }

    /** The script's own e-mail alerts, else the global ones, else null. */
    private MailAlert mailAlertFor(String scriptId) {
        MailAlert global = null;
        var found = em.createQuery("SELECT m FROM MailAlert m WHERE m.scope IN (:script, :global)", MailAlert.class)
                .setParameter("script", scriptId).setParameter("global", Webhook.GLOBAL).getResultList();
        for (MailAlert alert : found) {
            if (alert.scope().equals(scriptId)) {
                return alert;
            }
            global = alert;
        }
        return global;
    }

    private String incidentBody(WebhookFormat format, Script script, IncidentChanged incident, WebhookEvent event) {
        if (format == WebhookFormat.JSON) {
            JsonObjectBuilder json = Json.PROVIDER.createObjectBuilder()
                    .add("event", event.name().toLowerCase())
                    .add("incidentId", incident.incidentId())
                    .add("kind", incident.kind().toLowerCase())
                    .add("scriptId", script.id())
                    .add("scriptName", script.name())
                    .add("openedAt", incident.openedAt().toString())
                    .add(incident.opened() ? "detail" : "resolution", incident.text());
            if (!incident.opened()) {
                json.add("resolvedAt", incident.at().toString());
            }
            if (incident.runId() != null) {
                json.add("runId", incident.runId());
            }
            return json.build().toString();
        }
        ChatMessages.Notice notice = incidentNotice(script, incident);
        return format == WebhookFormat.SLACK ? ChatMessages.slack(notice).toString() : ChatMessages.teams(notice).toString();
    }

    private ChatMessages.Notice incidentNotice(Script script, IncidentChanged incident) {
        String kind = incident.kind().toLowerCase();
        String headline = script.name() + (incident.opened()
                ? switch (kind) {
                    case "overdue" -> " is overdue";
                    case "late" -> " is late";
                    default -> " has a slow run";
                }
                : ": its " + kind + " incident is resolved");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Incident", kind);
        facts.put(incident.opened() ? "Seen" : "Resolution", incident.text());
        facts.put("Opened", incident.openedAt().toString());
        if (!incident.opened()) {
            facts.put("Resolved", incident.at().toString());
        }
        String url = link(incident.runId() != null ? "run.xhtml?id=" + incident.runId() : "script.xhtml?id=" + script.id());
        return new ChatMessages.Notice(headline, facts, null, null, url, !incident.opened());
    }

    /** A page of the dashboard at its public address, or null when that is not set. */
    private String link(String page) {
        return publicUrl.map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> (u.endsWith("/") ? u : u + "/") + page).orElse(null);
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

    /** The delivery's body in the webhook's format. */
    private String body(WebhookFormat format, Run run, WebhookEvent event) {
        return switch (format) {
            case JSON -> payload(run, event);
            case SLACK -> ChatMessages.slack(notice(run, event)).toString();
            case TEAMS -> ChatMessages.teams(notice(run, event)).toString();
        };
    }

    private ChatMessages.Notice notice(Run run, WebhookEvent event) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Outcome", run.outcome().name());
        facts.put("Trigger", run.trigger().name());
        if (run.scheduledFor() != null) {
            facts.put("Due", run.scheduledFor().toString());
        }
        if (run.startedAt() != null) {
            facts.put("Started", run.startedAt().toString());
        }
        if (run.startedAt() != null && run.finishedAt() != null) {
            facts.put("Duration", String.format(Locale.ROOT, "%.1f s",
                    Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0));
        }
        facts.put("Node", run.nodeName());
        facts.put("Attempt", String.valueOf(run.attempt()));
        String what = switch (event) {
            case TIMEOUT -> "timed out";
            case RECOVERY -> "succeeded again";
            default -> "failed";
        };
        String url = link("run.xhtml?id=" + run.id());
        return new ChatMessages.Notice(run.script().name() + " " + what, facts, run.error(),
                event == WebhookEvent.RECOVERY ? null : run.log(), url, event == WebhookEvent.RECOVERY);
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
