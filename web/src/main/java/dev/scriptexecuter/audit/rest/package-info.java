/**
 * Who did what, and when: the audit log that the boundaries of every component write and admins read.
 *
 * The REST resources of this component: they read requests, call its boundary and write answers.
 *
 * Part of the web module: it is to reach the core through boundaries only (docs/ARCHITECTURE.md says where
 * it does not yet).
 */
package dev.scriptexecuter.audit.rest;
