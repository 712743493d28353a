package dev.scriptexecuter.execution.control;

/** The harness contract again, every run forked by a warm worker instead of spawned. */
class WarmHarnessProcessTest extends HarnessProcessTest {

    @Override
    String mode() {
        return WarmWorkers.WARM;
    }
}
