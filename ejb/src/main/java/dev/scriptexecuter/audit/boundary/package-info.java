/**
 * Who did what, and when: the audit log that the boundaries of every component write and admins read.
 *
 * The way in: services (which check the caller's role), the records they take and give, and the events other
 * components observe.
 *
 * May use: infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.audit.boundary;
