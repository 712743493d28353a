/**
 * Webhooks: their settings, the outbox written as a run ends or an incident opens or ends, and deliveries (signed
 * JSON, or Slack and Teams messages) with retries.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: incident, execution, script, secret, audit, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.webhook.control;
