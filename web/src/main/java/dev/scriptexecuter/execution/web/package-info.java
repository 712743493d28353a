/**
 * Runs: queueing and admission, the batch job, the sandboxed process (spawned or warm), results, retention and
 * live output.
 *
 * The dashboard's beans for this component's pages: they call its boundary and never hold business rules.
 *
 * Part of the web module: it is to reach the core through boundaries only (docs/ARCHITECTURE.md says where
 * it does not yet).
 */
package dev.scriptexecuter.execution.web;
