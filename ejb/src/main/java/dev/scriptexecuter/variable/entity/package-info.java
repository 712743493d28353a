/**
 * Variables and secrets handed to runs as environment variables, global or per script.
 *
 * What is stored: JPA entities and their value types; they hold state and invariants, not workflows.
 *
 * May use: script, secret, audit, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.variable.entity;
