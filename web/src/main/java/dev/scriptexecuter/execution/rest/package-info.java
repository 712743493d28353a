/**
 * Runs: queueing and admission, the batch job, the sandboxed process (spawned or warm), results, retention and
 * live output.
 *
 * The REST resources of this component: they read requests, call its boundary and write answers.
 *
 * Part of the web module: it is to reach the core through boundaries only (docs/ARCHITECTURE.md says where
 * it does not yet).
 */
package dev.scriptexecuter.execution.rest;
