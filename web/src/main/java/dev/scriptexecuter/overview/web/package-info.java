/**
 * The overview: what the dashboard's home shows at a glance (runs of the last day by outcome, scripts failing now,
 * open incidents, the next runs due, the nodes seen working).
 *
 * The dashboard's beans for this component's pages (they call its boundary and never hold business rules).
 *
 * Part of the web module, an adapter of its component: it may use the core's boundaries and entities (today
 * overview's boundary), infrastructure, the shared {@code rest} and {@code web} packages and this component's
 * other adapters; never a control package or another component's adapter.
 */
package dev.scriptexecuter.overview.web;
