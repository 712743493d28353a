/**
 * Who did what, and when: the audit log that the boundaries of every component write and admins read.
 *
 * What is stored: JPA entities and their value types; they hold state and invariants, not workflows.
 *
 * May use: infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.audit.entity;
