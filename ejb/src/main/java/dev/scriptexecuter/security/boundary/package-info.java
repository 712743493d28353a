/**
 * Accounts, password and two-factor login, single sign-on (OpenID Connect), signed tokens and API keys: who a
 * caller is and which role they have.
 *
 * The way in: services (which check the caller's role), the records they take and give, and the events other
 * components observe.
 *
 * May use: audit, secret, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.security.boundary;
