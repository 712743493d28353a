/**
 * Accounts, password and two-factor login, single sign-on (OpenID Connect), signed tokens and API keys: who a
 * caller is and which role they have.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: audit, secret, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.security.control;
