/**
 * Stored scripts: code, schedule, run policy and data, their versions, and the checks of what a person submits.
 *
 * The REST resources of this component: they read requests, call its boundary and write answers.
 *
 * Part of the web module: it is to reach the core through boundaries only (docs/ARCHITECTURE.md says where
 * it does not yet).
 */
package dev.scriptexecuter.script.rest;
