package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.python.boundary.Harness;

/** The guard-rails again, every run forked by a warm worker (inside the worker's limits and sandbox). */
class WarmGuardRailsTest extends GuardRailsTest {

    @Override
    String mode() {
        return Harness.WARM;
    }
}
