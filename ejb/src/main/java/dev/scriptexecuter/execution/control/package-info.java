/**
 * Runs: queueing and admission, the batch job, a run's timeout, disk limits and log, results, retention and live
 * output. The process itself is started by python's launcher.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: environment, variable, script, python, secret, audit, infrastructure (through their boundaries; see
 * docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.execution.control;
