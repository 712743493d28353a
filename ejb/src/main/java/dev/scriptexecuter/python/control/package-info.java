/**
 * How a run's process is confined and made: the sandbox's view of the host (bubblewrap), pids cgroups, rlimits,
 * the spawned and warm harnesses, warm workers and their pool, output read line by line.
 *
 * How it is done, behind the boundary: small beans and plain classes, unit-tested without a container.
 *
 * May use: infrastructure (see docs/ARCHITECTURE.md).
 */
package dev.scriptexecuter.python.control;
