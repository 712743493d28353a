package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM with two runs going and a grace of 8 s: the run that needs 3 more
 * seconds finishes and is recorded SUCCEEDED, the one that would take ten
 * minutes is ended and recorded INTERRUPTED by the stopping node itself (not
 * by the next start), and the server then exits.
 */
class GracefulShutdownIT {

    @TempDir
    Path home;

    @Test
    void runsFinishWithinTheGraceAndTheRestEndInterrupted() throws Exception {
        MicroServer node = new MicroServer(home, "-Dses.node.name=graceful", "-Dses.shutdown.grace=PT8S");
        String shortRun;
        String longRun;
        try (node) {
            node.start();
            Api api = new Api(node.uri()).asAdmin();
            String quick = api.createScript("{\"name\": \"nearly-done\", \"mainCode\": %s}".formatted(quote(
                    "import time\ndef main(data):\n    print('sleeping', flush=True)\n    time.sleep(3)\n"
                            + "    data['finished'] = True\n")));
            String slow = api.createScript("{\"name\": \"far-from-done\", \"mainCode\": %s}".formatted(quote(Api.SLEEPER)));
            shortRun = api.run(quick, true);
            longRun = api.run(slow, true);
            api.awaitSleeping(shortRun, Duration.ofSeconds(60));
            api.awaitSleeping(longRun, Duration.ofSeconds(60));

            node.terminate();
            await().atMost(Duration.ofMinutes(2)).until(() -> !node.process().isAlive());
            String log = node.log();
            assertThat(log).as("the end of the log: %s", log.substring(Math.max(0, log.length() - 6000)))
                    .contains("takes no new runs").contains("has no runs left");
        }
        try (MicroServer again = new MicroServer(home, "-Dses.node.name=graceful").start()) {
            Api api = new Api(again.uri()).asAdmin();
            JsonObject finished = api.get("api/runs/" + shortRun).json();
            assertThat(finished.getString("outcome")).as(finished.toString()).isEqualTo("SUCCEEDED");
            assertThat(finished.getJsonObject("dataAfter").getBoolean("finished")).isTrue();
            JsonObject interrupted = api.get("api/runs/" + longRun).json();
            assertThat(interrupted.getString("outcome")).as(interrupted.toString()).isEqualTo("INTERRUPTED");
            assertThat(interrupted.getString("error")).contains("shut down before the run finished")
                    .contains("ses.shutdown.grace");
        }
    }
}
