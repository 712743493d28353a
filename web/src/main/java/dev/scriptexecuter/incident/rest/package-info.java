/**
 * Incidents: a schedule that went quiet (overdue), an occurrence that did not start in time (late), a run going on
 * for too long (slow).
 *
 * The REST resources of this component: they read requests, call its boundary and write answers.
 *
 * Part of the web module, an adapter of its component: it may use the core's boundaries and entities (today
 * incident's boundary), infrastructure, the shared {@code rest} and {@code web} packages and this component's
 * other adapters; never a control package or another component's adapter.
 */
package dev.scriptexecuter.incident.rest;
