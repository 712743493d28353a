package dev.scriptexecuter.execution.control;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A failure inside the server as a run's error tells it: what could not be
 * done and an id under which the server's log has the exception. The
 * exception's own text (a class name, a driver's message, a stack frame) goes
 * to the log only, as the API's answers to an unexpected error do.
 */
public final class InternalFailure {

    private InternalFailure() {
    }

    /** Logs the exception under a new id and gives the run's error: {@code what}, and that id. */
    public static String logged(Logger log, String what, String runId, Throwable e) {
        String id = UUID.randomUUID().toString();
        log.log(Level.SEVERE, what + " (run " + runId + "; error " + id + ")", e);
        return what + "; the server's log names this error " + id + ".";
    }
}
