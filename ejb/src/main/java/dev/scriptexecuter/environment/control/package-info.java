/**
 * Virtualenvs built from requirements.txt, shared by the scripts that ask for the same packages, and cleaned up
 * when unused.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: script, python, audit, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.environment.control;
