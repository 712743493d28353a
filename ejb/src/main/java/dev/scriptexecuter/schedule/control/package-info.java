/**
 * When scripts run: an EJB timer per script, and the claim of each occurrence in the database so that one node
 * runs it.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: execution, script, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.schedule.control;
