/**
 * The Python side of the house: the interpreter, syntax checks, requirements.txt rules, the harness and worker
 * files, process groups.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: infrastructure (their boundaries; see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.python.control;
