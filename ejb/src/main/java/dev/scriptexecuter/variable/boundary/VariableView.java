package dev.scriptexecuter.variable.boundary;

import dev.scriptexecuter.variable.entity.Variable;

import java.time.Instant;

/**
 * A variable as the API and the dashboard show it: a secret's value is never
 * in it ({@code value} is null, {@code secret} true).
 *
 * @param scope "global", or the id of the script it belongs to
 */
public record VariableView(String name, String value, boolean secret, String scope, Instant updatedAt,
                           String updatedBy) {

    static VariableView of(Variable variable) {
        return new VariableView(variable.name(), variable.secret() ? null : variable.plainValue(), variable.secret(),
                variable.global() ? "global" : variable.scope(), variable.updatedAt(), variable.updatedBy());
    }
}
