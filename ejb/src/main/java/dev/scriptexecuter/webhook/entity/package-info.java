/**
 * Webhooks: their settings, the outbox written as a run ends or an incident opens or ends, and deliveries (signed
 * JSON, or Slack and Teams messages) with retries.
 *
 * What is stored: JPA entities and their value types; they hold state and invariants, not workflows.
 *
 * May use: incident, execution, script, secret, audit, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.webhook.entity;
