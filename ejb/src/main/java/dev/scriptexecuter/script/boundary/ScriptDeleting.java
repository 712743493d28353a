package dev.scriptexecuter.script.boundary;

/**
 * Fired in the transaction that deletes a script, before its row (and with it its runs) is deleted, so that
 * what its runs hold elsewhere (a tag's slots) is given back in the same transaction.
 */
public record ScriptDeleting(String scriptId) {
}
