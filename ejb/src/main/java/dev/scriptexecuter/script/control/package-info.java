/**
 * Stored scripts: code, schedule, run policy and data, their versions, and the checks of what a person submits.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: audit, python, infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.script.control;
