/**
 * Failure webhooks: their settings, the outbox written as a run ends, and signed deliveries with retries.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: execution, script, secret, audit, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.webhook.control;
