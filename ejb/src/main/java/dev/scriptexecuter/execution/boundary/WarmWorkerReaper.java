package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.python.boundary.HarnessLauncher;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Once a minute, ends the warm workers that have been idle longer than {@code ses.worker.idle-timeout}. */
@Singleton
@PermitAll
public class WarmWorkerReaper {

    @Inject
    HarnessLauncher launcher;

    @Schedule(minute = "*", hour = "*", persistent = false)
    void everyMinute() {
        launcher.endIdleWorkers();
    }
}
