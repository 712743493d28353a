package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.python.boundary.Harness;

/** The harness contract again, every run forked by a warm worker instead of spawned. */
class WarmHarnessProcessTest extends HarnessProcessTest {

    @Override
    String mode() {
        return Harness.WARM;
    }
}
