/**
 * Failure webhooks: their settings, the outbox written as a run ends, and signed deliveries with retries.
 *
 * The REST resources of this component: they read requests, call its boundary and write answers.
 *
 * Part of the web module: it is to reach the core through boundaries only (docs/ARCHITECTURE.md says where
 * it does not yet).
 */
package dev.scriptexecuter.webhook.rest;
