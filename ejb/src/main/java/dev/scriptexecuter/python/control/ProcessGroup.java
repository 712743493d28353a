package dev.scriptexecuter.python.control;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Processes the server starts with {@code setsid} lead a process group of
 * their own; killing the group ends whatever they forked as well.
 */
public final class ProcessGroup {

    private static final Logger LOG = Logger.getLogger(ProcessGroup.class.getName());

    private ProcessGroup() {
    }

    /** SIGKILL to the group led by {@code leader}, then to the leader itself. */
    public static void kill(Process leader, String what) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + leader.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot kill the process group of " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leader.destroyForcibly();
    }
}
