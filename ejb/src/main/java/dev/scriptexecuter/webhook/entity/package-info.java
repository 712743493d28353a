/**
 * Failure webhooks: their settings, the outbox written as a run ends, and signed deliveries with retries.
 *
 * What is stored: JPA entities and their value types; they hold state and invariants, not workflows.
 *
 * May use: execution, script, secret, audit, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.webhook.entity;
