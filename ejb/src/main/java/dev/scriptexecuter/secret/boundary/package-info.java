/**
 * Secrets at rest and in logs: sealing values with the server's keys, resealing after a key rotation, masking
 * values in run output.
 *
 * The way in: services (which check the caller's role), the records they take and give, and the events other
 * components observe.
 *
 * May use: infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.secret.boundary;
