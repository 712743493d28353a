/**
 * Stored scripts: code, schedule, run policy and data, their versions, and the checks of what a person submits.
 *
 * What is stored: JPA entities and their value types; they hold state and invariants, not workflows.
 *
 * May use: audit, python, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.script.entity;
