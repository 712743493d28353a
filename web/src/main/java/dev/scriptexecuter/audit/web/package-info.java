/**
 * Who did what, and when: the audit log that the boundaries of every component write and admins read.
 *
 * The dashboard's beans for this component's pages: they call its boundary and never hold business rules.
 *
 * Part of the web module: it is to reach the core through boundaries only (docs/ARCHITECTURE.md says where
 * it does not yet).
 */
package dev.scriptexecuter.audit.web;
