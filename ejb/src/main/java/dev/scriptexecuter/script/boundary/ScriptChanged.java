package dev.scriptexecuter.script.boundary;

/** Fired after a script was created, changed or deleted, so the scheduler can re-arm its timer. */
public record ScriptChanged(String scriptId) {
}
