package dev.scriptexecuter.python.boundary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Processes the server starts with {@code setsid} lead a process group of
 * their own; killing the group ends whatever they forked as well. They get a
 * minimal environment, not the server's.
 */
public final class ProcessGroup {

    private static final Logger LOG = Logger.getLogger(ProcessGroup.class.getName());

    private ProcessGroup() {
    }

    /**
     * Replaces the environment a child would inherit from the server (with its
     * settings and credentials) by a minimal one: the server's PATH, a home,
     * a UTF-8 locale.
     */
    public static Map<String, String> minimalEnvironment(ProcessBuilder builder, Path home) {
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        return env;
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
