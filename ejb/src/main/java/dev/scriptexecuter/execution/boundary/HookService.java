package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.execution.control.HookRates;
import dev.scriptexecuter.execution.control.RunInputs;
import dev.scriptexecuter.execution.control.RunLedger;
import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.execution.entity.RunHook;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.infrastructure.SecretTokens;
import dev.scriptexecuter.script.entity.Script;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Trigger URLs: per script, secret addresses another system calls ({@code POST /hooks/{token}}) to start a
 * run, the request's body being the run's input. The token is shown once and kept only as a hash;
 * rotating gives a new one and the old one stops working at once, as revoking does. A token opens
 * nothing but its own script's runs: starting one and reading how the runs it started ended. Each call
 * is in the audit log, taken or refused (over the URL's rate, a bad input, a quota).
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
public class HookService {

    static final SecretTokens TOKENS = new SecretTokens("sesh");
    private static final int MAX_NAME = 100;
    private static final int MAX_PER_MINUTE = 10_000;
    private static final String UNKNOWN = "There is no trigger URL with this token (it may have been revoked, or"
            + " rotated to a new one).";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    RunLedger ledger;

    @Inject
    RunService runs;

    @Inject
    RunInputs inputs;

    @Inject
    HookRates rates;

    @Resource
    SessionContext context;

    /** How many calls a minute a trigger URL takes when it was made without saying. */
    @Inject
    @ConfigProperty(name = "ses.hook.per-minute", defaultValue = "60")
    int defaultPerMinute;

    @Inject
    @ConfigProperty(name = "ses.hook.max-per-script", defaultValue = "20")
    int maxPerScript;

    public HookView create(String scriptId, HookDraft draft) {
        Script script = script(scriptId);
        if (draft == null || draft.name() == null || draft.name().isBlank() || draft.name().length() > MAX_NAME
                || draft.name().chars().anyMatch(Character::isISOControl)) {
            throw RequestRejected.invalid("A trigger URL needs a name of 1 to " + MAX_NAME
                    + " characters, without control characters.").with("field", "name");
        }
        int perMinute = draft.perMinute() == null ? defaultPerMinute : draft.perMinute();
        if (perMinute < 1 || perMinute > MAX_PER_MINUTE) {
            throw RequestRejected.invalid("\"perMinute\" must be between 1 and " + MAX_PER_MINUTE + "; it is "
                    + perMinute + ".").with("field", "perMinute");
        }
        long existing = em.createQuery("SELECT COUNT(h) FROM RunHook h WHERE h.script.id = :id", Long.class)
                .setParameter("id", scriptId).getSingleResult();
        if (existing >= maxPerScript) {
            throw RequestRejected.conflict("Script '" + script.name() + "' has " + existing + " trigger URLs, as many as"
                    + " a script may have (setting ses.hook.max-per-script); revoke one first.")
                    .with("limit", maxPerScript);
        }
        String secret = SecretTokens.newSecret();
        RunHook hook = new RunHook(script, draft.name().strip(), perMinute, SecretTokens.hash(secret), callerName(),
                clock.instant());
        em.persist(hook);
        audit.record(AuditAction.HOOK_CREATED, Target.script(script.id(), script.name()),
                "trigger URL '" + hook.name() + "', " + perMinute + " calls a minute");
        return HookView.of(hook).withToken(TOKENS.text(hook.id(), secret));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public List<HookView> list(String scriptId) {
        script(scriptId);
        return em.createQuery("SELECT h FROM RunHook h WHERE h.script.id = :id ORDER BY h.createdAt, h.id",
                RunHook.class).setParameter("id", scriptId).getResultStream().map(HookView::of).toList();
    }

    /** A new token for the URL; the old one is refused from the moment this commits. */
    public HookView rotate(String scriptId, String hookId) {
        RunHook hook = hook(scriptId, hookId);
        String secret = SecretTokens.newSecret();
        hook.rotate(SecretTokens.hash(secret), clock.instant());
        rates.forget(hook.id());
        audit.record(AuditAction.HOOK_ROTATED, Target.script(scriptId, hook.script().name()),
                "trigger URL '" + hook.name() + "'");
        return HookView.of(hook).withToken(TOKENS.text(hook.id(), secret));
    }

    /** Deletes the URL: its token is refused from the moment this commits, on every node. */
    public void revoke(String scriptId, String hookId) {
        RunHook hook = hook(scriptId, hookId);
        em.remove(hook);
        rates.forget(hook.id());
        audit.record(AuditAction.HOOK_REVOKED, Target.script(scriptId, hook.script().name()),
                "trigger URL '" + hook.name() + "'");
    }

    /**
     * A call of a trigger URL: starts a run of its script with the body as input (read only once the
     * token is known good; null: none). Refused with 404 for a token that is not (or no longer) one, 429
     * over the URL's rate (with when to try again) or a quota, 400/413 for an input its script does not
     * take; every refusal of a good token is in the audit log, as is every run started.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each step commits on its own; the run is read after
    public HookCall call(String token, Supplier<JsonObject> body, String address) {
        RunHook hook = known(token);
        String actor = "trigger URL '" + hook.name() + "'";
        Target target = Target.script(hook.script().id(), hook.script().name());
        Instant now = clock.instant();
        Duration wait = rates.take(hook.id(), hook.perMinute(), now).orElse(null);
        if (wait != null) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            audit.recordRefused(actor, AuditAction.HOOK_REFUSED, target, "over its rate of " + hook.perMinute()
                    + " calls a minute", address);
            throw RequestRejected.tooManyRequests("This trigger URL takes " + hook.perMinute() + " calls a minute;"
                    + " try again in " + seconds + " s.").with("limit", hook.perMinute()).with("retryAfter", seconds);
        }
        String runId;
        try {
            runId = ledger.queueCalled(hook.script().id(), hook.id(), inputs.text(body.get(), "body"), now);
        } catch (RequestRejected e) {
            audit.recordRefused(actor, AuditAction.HOOK_REFUSED, target, e.getMessage(), address);
            throw e;
        }
        runs.launch(runId);
        Run run = em.find(Run.class, runId);
        if (run.outcome() == RunOutcome.REJECTED) {
            audit.recordRefused(actor, AuditAction.HOOK_REFUSED, target, "run " + runId + ": " + run.error(),
                    address);
            throw RequestRejected.tooManyRequests(run.error()).with("runId", runId);
        }
        audit.recordAs(actor, AuditAction.HOOK_CALLED, target, "started run " + runId, address);
        return HookCall.of(run);
    }

    /** How a run this token's URL started is doing; 404 for any other run, or a token that is not one. */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public HookCall answer(String token, String runId) {
        RunHook hook = known(token);
        Run run = runId == null ? null : em.find(Run.class, runId);
        if (run == null || !hook.id().equals(run.hookId())) {
            throw RequestRejected.notFound("This trigger URL started no run '" + runId + "'.");
        }
        return HookCall.of(run);
    }

    private RunHook known(String token) {
        return TOKENS.parse(token).map(parsed -> {
            // with its script: read outside a transaction, nothing is loaded later
            RunHook hook = em.createQuery("SELECT h FROM RunHook h JOIN FETCH h.script WHERE h.id = :id", RunHook.class)
                    .setParameter("id", parsed.id()).getResultStream().findFirst().orElse(null);
            return hook != null && SecretTokens.matches(parsed.secret(), hook.secretHash()) ? hook : null;
        }).orElseThrow(() -> RequestRejected.notFound(UNKNOWN));
    }

    private Script script(String scriptId) {
        Script script = scriptId == null ? null : em.find(Script.class, scriptId);
        if (script == null) {
            throw RequestRejected.notFound("There is no script with id '" + scriptId + "'.");
        }
        return script;
    }

    private RunHook hook(String scriptId, String hookId) {
        script(scriptId);
        RunHook hook = hookId == null ? null : em.find(RunHook.class, hookId);
        if (hook == null || !hook.script().id().equals(scriptId)) {
            throw RequestRejected.notFound("Script '" + scriptId + "' has no trigger URL with id '" + hookId + "'.");
        }
        return hook;
    }

    private String callerName() {
        return context.getCallerPrincipal().getName();
    }
}
