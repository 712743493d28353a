/**
 * Virtualenvs built from requirements.txt, shared by the scripts that ask for the same packages, and cleaned up
 * when unused.
 *
 * The way in: services (which check the caller's role), the records they take and give, and the events other
 * components observe.
 *
 * May use: script, python, audit, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.environment.boundary;
