package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.Precondition;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads a write's {@code If-Match} and {@code If-None-Match} headers into a
 * {@link Precondition} for the boundary to check. With
 * {@code ses.api.require-if-match=true} a write that sends neither is refused
 * (428), for deployments that forbid blind overwrites. A header that is not a
 * list of entity tags is a 400 naming it ({@link Precondition#fromHeaders}).
 */
public final class Preconditions {

    public static final String SETTING = "ses.api.require-if-match";

    private static final boolean REQUIRED = ConfigProvider.getConfig()
            .getOptionalValue(SETTING, Boolean.class).orElse(false);

    private Preconditions() {
    }

    /** The condition of a write to an existing resource or one that may be created (PUT of a name). */
    public static Precondition of(String ifMatch, String ifNoneMatch) {
        return Precondition.fromHeaders(ifMatch, ifNoneMatch, REQUIRED ? SETTING : null);
    }
}
