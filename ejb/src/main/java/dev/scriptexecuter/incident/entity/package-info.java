/**
 * Incidents: a schedule that went quiet (overdue), an occurrence that did not start in time (late), a run going on
 * for too long (slow); each opened once and resolved once, however many nodes watch.
 *
 * What is stored: JPA entities and their value types; they hold state and invariants, not workflows.
 *
 * May use: execution, script, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.incident.entity;
