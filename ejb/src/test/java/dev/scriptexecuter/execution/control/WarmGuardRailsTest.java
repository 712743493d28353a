package dev.scriptexecuter.execution.control;

/** The guard-rails again, every run forked by a warm worker (inside the worker's limits and sandbox). */
class WarmGuardRailsTest extends GuardRailsTest {

    @Override
    String mode() {
        return WarmWorkers.WARM;
    }
}
