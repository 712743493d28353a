/**
 * Incidents: a schedule that went quiet (overdue), an occurrence that did not start in time (late), a run going on
 * for too long (slow); each opened once and resolved once, however many nodes watch.
 *
 * The way in: services (which check the caller's role), the records they take and give, and the events other
 * components observe.
 *
 * May use: execution, script, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.incident.boundary;
