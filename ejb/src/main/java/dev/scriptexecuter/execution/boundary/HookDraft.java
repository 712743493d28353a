package dev.scriptexecuter.execution.boundary;

/** A trigger URL to make: a name saying who calls it, and how many calls a minute it takes (null: the default). */
public record HookDraft(String name, Integer perMinute) {
}
