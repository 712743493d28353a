/**
 * Incidents: a schedule that went quiet (overdue), an occurrence that did not start in time (late), a run going on
 * for too long (slow); each opened once and resolved once, however many nodes watch.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: execution, script, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.incident.control;
