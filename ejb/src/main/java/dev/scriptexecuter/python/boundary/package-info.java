/**
 * The Python side of runs: the interpreter, syntax checks, requirements.txt rules, the harness and worker files,
 * and the launcher that starts a run's harness as a confined process (spawned, or forked by a warm worker) from
 * plain values: command parts, limits, an environment map and a line sink in; a process and its exit status out.
 *
 * The way in: the launcher and the plain classes other components use; the python files beside them.
 *
 * May use: infrastructure (see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.python.boundary;
