/**
 * Accounts, password and two-factor login, single sign-on (OpenID Connect), signed tokens and API keys: who a
 * caller is and which role they have.
 *
 * What is stored: JPA entities and their value types; they hold state and invariants, not workflows.
 *
 * May use: audit, secret, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.security.entity;
