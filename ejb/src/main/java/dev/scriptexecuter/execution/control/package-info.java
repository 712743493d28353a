/**
 * Runs: queueing and admission, the batch job, the sandboxed process (spawned or warm), results, retention and
 * live output.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: environment, variable, script, python, secret, audit, infrastructure (through their boundaries; see
 * docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.execution.control;
