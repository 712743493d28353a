package dev.scriptexecuter.variable.boundary;

/** A variable's new value as submitted; {@code secret} true seals it (write-only from then on). */
public record VariableDraft(String value, Boolean secret) {
}
