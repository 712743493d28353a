package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.entity.Script;
import jakarta.persistence.EntityManager;

/**
 * Settings that exist globally and per script (variables, webhooks) are kept
 * under a scope: a marker for the global ones, the script's id for a script's.
 */
public final class ScriptScopes {

    private ScriptScopes() {
    }

    /** The scope of {@code scriptId} (null: {@code global}); 404 for a script that does not exist. */
    public static String of(EntityManager em, String scriptId, String global) {
        if (scriptId == null) {
            return global;
        }
        if (em.find(Script.class, scriptId) == null) {
            throw RequestRejected.notFound("There is no script with id '" + scriptId + "'.");
        }
        return scriptId;
    }
}
