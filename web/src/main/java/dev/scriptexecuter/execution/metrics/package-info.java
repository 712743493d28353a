/**
 * Runs: queueing and admission, the batch job, the sandboxed process (spawned or warm), results, retention and
 * live output.
 *
 * The metrics endpoint: Prometheus text of what this node has done and is doing (runs, waits, workers), and the
 * incidents open.
 *
 * Part of the web module, an adapter of its component: it may use the core's boundaries and entities (today
 * execution's and incident's boundaries), infrastructure, the shared {@code rest} and {@code web} packages and this component's
 * other adapters; never a control package or another component's adapter.
 */
package dev.scriptexecuter.execution.metrics;
