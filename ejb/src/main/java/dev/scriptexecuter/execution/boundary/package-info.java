/**
 * Runs: queueing and admission, the batch job, a run's timeout, disk limits and log, results, retention and live
 * output. The process itself is started by python's launcher.
 *
 * The way in: services (which check the caller's role), the records they take and give, and the events other
 * components observe.
 *
 * May use: environment, variable, script, python, secret, audit, infrastructure (through their boundaries; see
 * docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.execution.boundary;
