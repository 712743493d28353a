package dev.scriptexecuter.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Arquillian stops a test class's server with SIGTERM and does not wait: the
 * server then drains its runs (up to {@code ses.shutdown.grace}) while the
 * next class already drops its database and boots the next server on the
 * same two cores. A class starts only once the servers of the classes before
 * it have exited (killed after {@link #PATIENCE}), so it gets the machine and
 * its database to itself.
 */
public class PreviousServerGone implements BeforeAllCallback {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        List<ProcessHandle> servers = ProcessHandle.current().children().filter(PreviousServerGone::isArquillianMicro)
                .toList();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (ProcessHandle server : servers) {
            try {
                server.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                System.err.println("The previous test class's server (pid " + server.pid() + ") is still running after "
                        + PATIENCE + "; killing it.");
                server.destroyForcibly();
                server.onExit().join();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The Payara Micro process Arquillian starts per class; it deploys with a post-deploy command file. */
    private static boolean isArquillianMicro(ProcessHandle process) {
        return process.info().commandLine().filter(line -> line.contains("--postdeploycommandfile")).isPresent();
    }
}
