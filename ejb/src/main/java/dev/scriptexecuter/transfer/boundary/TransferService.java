package dev.scriptexecuter.transfer.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.script.boundary.ScriptDraft;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptValidator;
import dev.scriptexecuter.script.boundary.ScriptView;
import dev.scriptexecuter.script.entity.Script;
import dev.scriptexecuter.transfer.boundary.ExportDocument.ExportedScript;
import dev.scriptexecuter.transfer.boundary.ExportDocument.ExportedVariable;
import dev.scriptexecuter.transfer.boundary.ImportReport.Item;
import dev.scriptexecuter.variable.boundary.VariableDraft;
import dev.scriptexecuter.variable.boundary.VariableService;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Export and import of scripts between installations. An import is checked
 * completely first (every script as a save would check it, and the conflict
 * policy for names that exist: skip, rename or overwrite); only when all of
 * it can be imported is it written, in one transaction. A dry run stops after
 * the check and reports what would happen.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
public class TransferService {

    public enum Conflicts { SKIP, RENAME, OVERWRITE }

    @PersistenceContext
    EntityManager em;

    @Inject
    ScriptService scripts;

    @Inject
    VariableService variables;

    @Inject
    ScriptValidator validator;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Resource
    SessionContext context;

    /** @param ids the scripts to export; empty for all */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public ExportDocument export(List<String> ids, boolean withData) {
        List<ScriptView> chosen = new ArrayList<>();
        if (ids.isEmpty()) {
            em.createNamedQuery(Script.FIND_ALL, Script.class).getResultStream()
                    .forEach(script -> chosen.add(scripts.find(script.id())));
        } else {
            ids.forEach(id -> chosen.add(scripts.find(id)));
        }
        List<ExportedScript> exported = chosen.stream().map(script -> new ExportedScript(script.name(),
                script.description(), script.active(), script.mainCode(), script.triggerCode(), script.requirements(),
                script.schedule(), script.policy(), withData ? script.data() : null,
                variables.list(script.id()).stream()
                        .map(v -> new ExportedVariable(v.name(), v.secret(), v.secret() ? null : v.value())).toList(),
                script.inputSchema(), script.tags()))
                .toList();
        return new ExportDocument(ExportDocument.FORMAT, ExportDocument.VERSION, clock.instant(),
                context.getCallerPrincipal().getName(), exported);
    }

    public ImportReport importScripts(ExportDocument document, String conflicts, boolean dryRun) {
        Conflicts policy = conflicts(conflicts);
        List<ExportedScript> entries = entries(document);
        List<Planned> plan = new ArrayList<>();
        // a new name for a renamed script avoids every name in the document, not only those seen so far
        Set<String> namesTaken = new HashSet<>();
        entries.forEach(entry -> namesTaken.add(entry.name() == null ? "" : entry.name().strip()));
        Set<String> chosen = new HashSet<>();
        for (ExportedScript entry : entries) {
            plan.add(plan(entry, policy, namesTaken, chosen));
        }
        boolean valid = plan.stream().noneMatch(planned -> planned.item().action().equals("invalid"));
        if (dryRun || !valid) {
            return new ImportReport(dryRun, false, policy.name().toLowerCase(Locale.ROOT),
                    plan.stream().map(Planned::item).toList());
        }
        List<Item> done = plan.stream().map(this::apply).toList();
        audit.record(AuditAction.SCRIPTS_IMPORTED, null, done.stream().collect(java.util.stream.Collectors.groupingBy(
                Item::action, java.util.TreeMap::new, java.util.stream.Collectors.counting())) + " with conflicts="
                + policy.name().toLowerCase(Locale.ROOT));
        return new ImportReport(false, true, policy.name().toLowerCase(Locale.ROOT), done);
    }

    /** What to do with one script, checked but not written. */
    private record Planned(Item item, ExportedScript entry, ScriptDraft draft, Script existing) {
    }

    private Planned plan(ExportedScript entry, Conflicts policy, Set<String> namesTaken, Set<String> chosen) {
        String name = entry.name() == null ? "" : entry.name().strip();
        Script existing = byName(name);
        String action = existing == null ? "created" : switch (policy) {
            case SKIP -> "skipped";
            case RENAME -> "renamed";
            case OVERWRITE -> "overwritten";
        };
        if (!chosen.add(name)) {
            return invalid(entry, name, "The document holds two scripts named '" + name + "'.");
        }
        String importedAs = action.equals("renamed") ? freeName(name, namesTaken) : name;
        namesTaken.add(importedAs);
        ScriptDraft draft = new ScriptDraft(importedAs, entry.description(), entry.active(), entry.mainCode(),
                entry.triggerCode(), entry.requirements(), entry.schedule(), entry.data(), entry.policy(),
                entry.inputSchema(), "Imported", entry.tags());
        List<String> secrets = secretsOf(entry);
        if (action.equals("skipped")) {
            return new Planned(new Item(name, action, name, existing.id(), "A script of that name exists here.",
                    List.of()), entry, draft, existing);
        }
        try {
            validator.validate(draft, action.equals("overwritten") ? existing : null, clock.instant());
            requireAdminForNetwork(entry);
            for (ExportedVariable variable : entry.variables() == null ? List.<ExportedVariable>of() : entry.variables()) {
                dev.scriptexecuter.variable.boundary.VariableRules.name(variable.name());
                if (!variable.secret()) {
                    dev.scriptexecuter.variable.boundary.VariableRules.value(variable.value(), false);
                }
            }
        } catch (RequestRejected e) {
            return invalid(entry, name, e.getMessage());
        }
        return new Planned(new Item(name, action, importedAs, existing == null || action.equals("renamed") ? null
                : existing.id(), null, secrets), entry, draft, existing);
    }

    private Item apply(Planned planned) {
        Item item = planned.item();
        if (item.action().equals("skipped")) {
            return item;
        }
        ScriptView saved = item.action().equals("overwritten") ? scripts.replace(planned.existing().id(), planned.draft())
                : scripts.create(planned.draft());
        for (ExportedVariable variable : planned.entry().variables() == null ? List.<ExportedVariable>of()
                : planned.entry().variables()) {
            if (!variable.secret()) {
                variables.setForScript(saved.id(), variable.name(), new VariableDraft(variable.value(), false),
                        dev.scriptexecuter.infrastructure.Precondition.NONE);
            }
        }
        return new Item(item.name(), item.action(), saved.name(), saved.id(), item.detail(), item.secretsToSet());
    }

    private Planned invalid(ExportedScript entry, String name, String reason) {
        return new Planned(new Item(name, "invalid", null, null, reason, List.of()), entry, null, null);
    }

    private void requireAdminForNetwork(ExportedScript entry) {
        if (entry.policy() != null && Boolean.TRUE.equals(entry.policy().allowNetwork())
                && !context.isCallerInRole(Role.ADMIN_NAME)) {
            throw RequestRejected.forbidden("It asks for network access in its sandbox, which only an admin may"
                    + " grant; import it as an admin.");
        }
    }

    private static List<String> secretsOf(ExportedScript entry) {
        return entry.variables() == null ? List.of()
                : entry.variables().stream().filter(ExportedVariable::secret).map(ExportedVariable::name).toList();
    }

    private String freeName(String name, Set<String> namesTaken) {
        for (int n = 2; ; n++) {
            String suffix = " (" + n + ")";
            String candidate = (name.length() + suffix.length() > 100 ? name.substring(0, 100 - suffix.length()) : name)
                    + suffix;
            if (byName(candidate) == null && !namesTaken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private Script byName(String name) {
        return em.createNamedQuery(Script.FIND_BY_NAME, Script.class).setParameter("name", name)
                .getResultStream().findFirst().orElse(null);
    }

    private static List<ExportedScript> entries(ExportDocument document) {
        if (document == null || !ExportDocument.FORMAT.equals(document.format())) {
            throw RequestRejected.invalid("The body must be a document made by an export (\"format\": \""
                    + ExportDocument.FORMAT + "\").").with("field", "format");
        }
        if (document.formatVersion() > ExportDocument.VERSION) {
            throw RequestRejected.invalid("The document has format version " + document.formatVersion()
                    + "; this server reads up to " + ExportDocument.VERSION + ".").with("field", "formatVersion");
        }
        if (document.scripts() == null || document.scripts().isEmpty()) {
            throw RequestRejected.invalid("The document holds no scripts.").with("field", "scripts");
        }
        return document.scripts();
    }

    private static Conflicts conflicts(String text) {
        try {
            return text == null || text.isBlank() ? Conflicts.SKIP : Conflicts.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RequestRejected.invalid("\"conflicts\" is skip, rename or overwrite; it is \"" + text + "\".").with("field", "conflicts");
        }
    }
}
