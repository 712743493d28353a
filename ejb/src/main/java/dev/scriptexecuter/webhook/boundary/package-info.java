/**
 * Webhooks: their settings, the outbox written as a run ends or an incident opens or ends, and deliveries (signed
 * JSON, or Slack and Teams messages) with retries.
 *
 * The way in: services (which check the caller's role), the records they take and give, and the events other
 * components observe.
 *
 * May use: incident, execution, script, secret, audit, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.webhook.boundary;
