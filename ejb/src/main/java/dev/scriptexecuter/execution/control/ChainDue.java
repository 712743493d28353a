package dev.scriptexecuter.execution.control;

/** A run ended whose script's chain starts other runs now: fired in the transaction that ended it. */
public record ChainDue(String runId) {
}
