package dev.scriptexecuter.execution.control;

/**
 * A run gave back slots of tags' limits as it ended, or a limit was raised: runs waiting for a slot may
 * begin. Fired in the transaction that frees them.
 */
public record TagSlotsFreed() {
}
