/**
 * Stored scripts: code, schedule, run policy and data, their versions, and the checks of what a person submits.
 *
 * The dashboard's beans for this component's pages: they call its boundary and never hold business rules.
 *
 * Part of the web module: it is to reach the core through boundaries only (docs/ARCHITECTURE.md says where
 * it does not yet).
 */
package dev.scriptexecuter.script.web;
