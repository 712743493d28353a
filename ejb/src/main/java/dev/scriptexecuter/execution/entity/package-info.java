/**
 * Runs: queueing and admission, the batch job, the sandboxed process (spawned or warm), results, retention and
 * live output.
 *
 * What is stored: JPA entities and their value types; they hold state and invariants, not workflows.
 *
 * May use: environment, variable, script, python, secret, audit, infrastructure (through their boundaries; see
 * docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.execution.entity;
