package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.audit.boundary.AuditLog;
import dev.scriptexecuter.audit.entity.AuditAction;
import dev.scriptexecuter.audit.entity.AuditEntry.Target;
import dev.scriptexecuter.infrastructure.NativeUpdate;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.script.entity.ChainStep;
import dev.scriptexecuter.script.entity.ChainWhen;
import dev.scriptexecuter.script.entity.Script;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chains: when a run of a script ends so, runs of the scripts its steps name start with the run's result
 * as their input (the runs are made by the execution component, in the transaction that ends the run).
 * A save replaces the script's whole chain and is refused when it would make a cycle (naming it) or a
 * chain deeper than {@code ses.chain.max-depth}, counted over every script's steps: saves are one at a
 * time on the whole cluster (they lock one row), so two cannot make a cycle between them.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
public class ChainService {

    private static final int MAX_STEPS = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    /** The most runs one run may start one after the other, through chains. */
    @Inject
    @ConfigProperty(name = "ses.chain.max-depth", defaultValue = "10")
    int maxDepth;

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public ChainView find(String scriptId) {
        script(scriptId);
        List<ChainView.Link> steps = em.createQuery("SELECT c.next.id, c.next.name, c.runWhen FROM ChainStep c"
                        + " WHERE c.script.id = :id ORDER BY c.stepOrder", Object[].class).setParameter("id", scriptId)
                .getResultStream().map(ChainService::link).toList();
        List<ChainView.Link> startedBy = em.createQuery("SELECT c.script.id, c.script.name, c.runWhen FROM ChainStep c"
                        + " WHERE c.next.id = :id ORDER BY c.script.name, c.stepOrder", Object[].class)
                .setParameter("id", scriptId).getResultStream().map(ChainService::link).toList();
        return new ChainView(scriptId, steps, startedBy);
    }

    public ChainView set(String scriptId, ChainDraft draft) {
        // one save at a time on the whole cluster, taken before anything is read: on MariaDB a transaction
        // reads as of its first read, and the graph read below must include the save that held the lock
        NativeUpdate.execute(em, "UPDATE chain_graph SET version = version + 1 WHERE id = 1");
        Script script = script(scriptId);
        if (draft == null || draft.steps() == null) {
            throw RequestRejected.invalid("Send {\"steps\": [{\"script\": \"<id>\", \"when\": \"SUCCEEDED\"}, ...]}"
                    + " ([] for none).").with("field", "steps");
        }
        if (draft.steps().size() > MAX_STEPS) {
            throw RequestRejected.invalid("A chain has at most " + MAX_STEPS + " steps; this one has "
                    + draft.steps().size() + ".").with("field", "steps");
        }
        List<Script> nexts = new ArrayList<>();
        List<ChainWhen> whens = new ArrayList<>();
        for (int i = 0; i < draft.steps().size(); i++) {
            ChainDraft.Step step = draft.steps().get(i);
            String field = "steps[" + i + "]";
            if (step == null || step.script() == null || step.script().isBlank()) {
                throw RequestRejected.invalid("Step " + (i + 1) + " names no script (\"script\": its id).")
                        .with("field", field + ".script");
            }
            Script next = em.find(Script.class, step.script());
            if (next == null) {
                throw RequestRejected.invalid("Step " + (i + 1) + " names script '" + step.script()
                        + "', which does not exist.").with("field", field + ".script");
            }
            nexts.add(next);
            whens.add(when(step.when(), field + ".when"));
        }
        Map<String, List<String>> graph = new HashMap<>();
        em.createQuery("SELECT c.script.id, c.next.id FROM ChainStep c WHERE c.script.id <> :id ORDER BY c.stepOrder",
                        Object[].class).setParameter("id", scriptId).getResultStream()
                .forEach(row -> graph.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]));
        graph.put(scriptId, nexts.stream().map(Script::id).toList());
        checkNoCycle(scriptId, graph);
        checkDepth(scriptId, graph);
        em.createQuery("DELETE FROM ChainStep c WHERE c.script.id = :id").setParameter("id", scriptId).executeUpdate();
        for (int i = 0; i < nexts.size(); i++) {
            em.persist(new ChainStep(script, i, nexts.get(i), whens.get(i)));
        }
        em.flush();
        audit.record(AuditAction.SCRIPT_CHAIN_SET, Target.script(scriptId, script.name()), nexts.isEmpty() ? "no steps"
                : java.util.stream.IntStream.range(0, nexts.size()).mapToObj(i -> whens.get(i) + " → '"
                + nexts.get(i).name() + "'").collect(Collectors.joining(", ")));
        return find(scriptId);
    }

    private static ChainWhen when(String text, String field) {
        if (text == null || text.isBlank()) {
            return ChainWhen.SUCCEEDED;
        }
        try {
            return ChainWhen.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RequestRejected.invalid("\"when\" is one of " + Arrays.toString(ChainWhen.values()) + "; \"" + text
                    + "\" is not.").with("field", field);
        }
    }

    /** Only the saved script's steps changed: a new cycle goes through it. */
    private void checkNoCycle(String scriptId, Map<String, List<String>> graph) {
        List<String> path = new ArrayList<>(List.of(scriptId));
        if (leadsBack(scriptId, graph, path, new java.util.HashSet<>())) {
            throw RequestRejected.invalid("A chain may not lead back to a script it started from: "
                    + names(path) + ".").with("field", "steps").with("cycle", path);
        }
    }

    private static boolean leadsBack(String from, Map<String, List<String>> graph, List<String> path,
                                     java.util.Set<String> seen) {
        for (String next : graph.getOrDefault(from, List.of())) {
            path.add(next);
            if (next.equals(path.getFirst())) {
                return true;
            }
            if (seen.add(next) && leadsBack(next, graph, path, seen)) {
                return true;
            }
            path.removeLast();
        }
        return false;
    }

    /** The longest chain through the saved script, in steps: the longest way into it and the longest out. */
    private void checkDepth(String scriptId, Map<String, List<String>> graph) {
        Map<String, List<String>> reverse = new HashMap<>();
        graph.forEach((from, tos) -> tos.forEach(to -> reverse.computeIfAbsent(to, k -> new ArrayList<>()).add(from)));
        List<String> in = longest(scriptId, reverse, new HashMap<>());
        List<String> out = longest(scriptId, graph, new HashMap<>());
        int steps = in.size() - 1 + out.size() - 1;
        if (steps > maxDepth) {
            List<String> path = new ArrayList<>(in.reversed());
            path.addAll(out.subList(1, out.size()));
            throw RequestRejected.invalid("A chain would start " + steps + " runs one after the other: " + names(path)
                    + "; at most " + maxDepth + " are allowed (setting ses.chain.max-depth).").with("field", "steps")
                    .with("limit", maxDepth);
        }
    }

    /** The longest path from a script in an acyclic graph, the script first. */
    private static List<String> longest(String from, Map<String, List<String>> graph, Map<String, List<String>> memo) {
        List<String> known = memo.get(from);
        if (known != null) {
            return known;
        }
        List<String> best = List.of(from);
        for (String next : graph.getOrDefault(from, List.of())) {
            List<String> tail = longest(next, graph, memo);
            if (tail.size() + 1 > best.size()) {
                List<String> path = new ArrayList<>(List.of(from));
                path.addAll(tail);
                best = path;
            }
        }
        memo.put(from, best);
        return best;
    }

    private String names(List<String> ids) {
        Map<String, String> names = new LinkedHashMap<>();
        em.createQuery("SELECT s.id, s.name FROM Script s WHERE s.id IN :ids", Object[].class)
                .setParameter("ids", ids.stream().distinct().toList()).getResultStream()
                .forEach(row -> names.put((String) row[0], (String) row[1]));
        return ids.stream().map(id -> "'" + names.getOrDefault(id, id) + "'").collect(Collectors.joining(" → "));
    }

    private static ChainView.Link link(Object[] row) {
        return new ChainView.Link((String) row[0], (String) row[1], ((ChainWhen) row[2]).name());
    }

    private Script script(String scriptId) {
        Script script = scriptId == null ? null : em.find(Script.class, scriptId);
        if (script == null) {
            throw RequestRejected.notFound("There is no script with id '" + scriptId + "'.");
        }
        return script;
    }
}
