package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.WarmWorkers;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Once a minute, ends the warm workers that have been idle longer than {@code ses.worker.idle-timeout}. */
@Singleton
@PermitAll
public class WarmWorkerReaper {

    @Inject
    WarmWorkers workers;

    @Schedule(minute = "*", hour = "*", persistent = false)
    void everyMinute() {
        workers.endIdle();
    }
}
