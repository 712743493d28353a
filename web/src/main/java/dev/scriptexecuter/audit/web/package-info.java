/**
 * Who did what, and when: the audit log that the boundaries of every component write and admins read.
 *
 * The dashboard's beans for this component's pages: they call its boundary and never hold business rules.
 *
 * Part of the web module, an adapter of its component: it may use the core's boundaries and entities (today
 * audit's boundary and entities), infrastructure, the shared {@code rest} and {@code web} packages and this
 * component's other adapters; never a control package or another component's adapter.
 */
package dev.scriptexecuter.audit.web;
