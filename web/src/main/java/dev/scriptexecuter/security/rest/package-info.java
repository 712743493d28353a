/**
 * Accounts, password and two-factor login, single sign-on (OpenID Connect), signed tokens and API keys: who a
 * caller is and which role they have.
 *
 * The REST resources of this component: they read requests, call its boundary and write answers.
 *
 * Part of the web module, an adapter of its component: it may use the core's boundaries and entities (today
 * security's boundary), infrastructure, the shared {@code rest} and {@code web} packages and this component's
 * other adapters; never a control package or another component's adapter.
 */
package dev.scriptexecuter.security.rest;
