/**
 * When scripts run: an EJB timer per script, and the claim of each occurrence in the database so that one node
 * runs it.
 *
 * The way in: services (which check the caller's role), the records they take and give, and the events other
 * components observe.
 *
 * May use: execution, script, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.schedule.boundary;
