/**
 * Accounts, password login, signed tokens and API keys: who a caller is and which role they have.
 *
 * The REST resources of this component: they read requests, call its boundary and write answers.
 *
 * Part of the web module: it is to reach the core through boundaries only (docs/ARCHITECTURE.md says where
 * it does not yet).
 */
package dev.scriptexecuter.security.rest;
