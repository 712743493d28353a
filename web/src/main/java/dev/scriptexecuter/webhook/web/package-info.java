/**
 * Failure webhooks: their settings, the outbox written as a run ends, and signed deliveries with retries.
 *
 * The dashboard's beans for this component's pages: they call its boundary and never hold business rules.
 *
 * Part of the web module: it is to reach the core through boundaries only (docs/ARCHITECTURE.md says where
 * it does not yet).
 */
package dev.scriptexecuter.webhook.web;
