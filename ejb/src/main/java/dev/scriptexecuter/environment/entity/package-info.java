/**
 * Virtualenvs built from requirements.txt, shared by the scripts that ask for the same packages, and cleaned up
 * when unused.
 *
 * What is stored: JPA entities and their value types; they hold state and invariants, not workflows.
 *
 * May use: script, python, audit, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.environment.entity;
