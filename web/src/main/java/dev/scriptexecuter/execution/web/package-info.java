/**
 * Runs: queueing and admission, the batch job, the sandboxed process (spawned or warm), results, retention and
 * live output.
 *
 * The dashboard's beans for this component's pages (they call its boundary and never hold business rules), and
 * the live updates pushed to open pages.
 *
 * Part of the web module, an adapter of its component: it may use the core's boundaries and entities (today
 * execution's boundary and entities, script's and webhook's boundaries), infrastructure, the shared {@code rest} and
 * {@code web} packages and this component's other adapters; never a control package or another component's
 * adapter.
 */
package dev.scriptexecuter.execution.web;
