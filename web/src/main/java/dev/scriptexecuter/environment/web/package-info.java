/**
 * Virtualenvs built from requirements.txt, shared by the scripts that ask for the same packages, and cleaned up
 * when unused.
 *
 * The dashboard's beans for this component's pages: they call its boundary and never hold business rules.
 *
 * Part of the web module, an adapter of its component: it may use the core's boundaries and entities (today
 * environment's boundary), infrastructure, the shared {@code rest} and {@code web} packages and this component's
 * other adapters; never a control package or another component's adapter.
 */
package dev.scriptexecuter.environment.web;
