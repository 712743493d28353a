/**
 * Stored scripts: code, schedule, run policy and data, their versions, and the checks of what a person submits.
 *
 * The way in: services (which check the caller's role), the records they take and give, and the events other
 * components observe.
 *
 * May use: audit, python, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.script.boundary;
