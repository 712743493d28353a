package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.python.boundary.Harness;

/** The same view of the host for every run forked by a warm worker (the worker is started inside it). */
class WarmSandboxViewTest extends SandboxViewTest {

    @Override
    String mode() {
        return Harness.WARM;
    }
}
