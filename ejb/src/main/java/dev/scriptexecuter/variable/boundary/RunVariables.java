package dev.scriptexecuter.variable.boundary;

import dev.scriptexecuter.secret.boundary.SecretCipher;
import dev.scriptexecuter.secret.boundary.SecretKeys;
import dev.scriptexecuter.variable.entity.Variable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The variables one run gets: the global ones, overridden by the script's own
 * of the same name; secrets opened. Called in the transaction that starts the
 * run.
 */
@ApplicationScoped
public class RunVariables {

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretKeys keys;

    /** The environment entries, and the secret values among them (for masking). */
    public record Resolved(Map<String, String> environment, List<String> secrets) {

        public static final Resolved NONE = new Resolved(Map.of(), List.of());
    }

    public Resolved of(String scriptId) {
        List<Variable> variables = em.createNamedQuery(Variable.FIND_FOR_RUN, Variable.class)
                .setParameter("global", Variable.GLOBAL).setParameter("scriptId", scriptId).getResultList();
        if (variables.isEmpty()) {
            return Resolved.NONE;
        }
        Map<String, Variable> chosen = new TreeMap<>();
        for (Variable variable : variables) {
            chosen.merge(variable.name(), variable, (a, b) -> a.global() ? b : a);
        }
        Map<String, String> environment = new TreeMap<>();
        List<String> secrets = new ArrayList<>();
        for (Variable variable : chosen.values()) {
            String value = variable.secret() ? keys.cipher().open(new SecretCipher.Sealed(variable.keyId(),
                    variable.sealedValue()), variable.context()) : variable.plainValue();
            environment.put(variable.name(), value);
            if (variable.secret()) {
                secrets.add(value);
            }
        }
        return new Resolved(Map.copyOf(environment), List.copyOf(secrets));
    }
}
