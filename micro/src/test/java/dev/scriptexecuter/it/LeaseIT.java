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
 * A node that dies leaves its running runs behind; another node on the same
 * database marks them INTERRUPTED once their lease has run out, without the
 * dead node ever coming back.
 */
class LeaseIT {

    private static final String LEASE = "-Dses.run.lease=PT6S";

    @TempDir
    Path home;

    @Test
    void anotherNodeInterruptsTheRunsOfADeadNodeWhenTheirLeaseRunsOut() throws Exception {
        String runId;
        try (MicroServer nodeA = new MicroServer(home, "-Dses.node.name=node-a", LEASE).start()) {
            Api api = new Api(nodeA.uri()).asAdmin();
            String sleeper = api.createScript("{\"name\": \"sleeper\", \"mainCode\": %s}".formatted(quote(Api.SLEEPER)));
            runId = api.run(sleeper, true);
            api.awaitSleeping(runId, Duration.ofSeconds(60));
            JsonObject running = api.get("api/runs/" + runId).json();
            assertThat(running.getString("nodeName")).isEqualTo("node-a");
            assertThat(running.getString("leaseUntil")).isNotNull();
            nodeA.kill();
        }
        try (MicroServer nodeB = new MicroServer(home, "-Dses.node.name=node-b", LEASE).start()) {
            Api api = new Api(nodeB.uri()).asAdmin();
            JsonObject interrupted = api.awaitFinished(runId, Duration.ofSeconds(60));
            assertThat(interrupted.getString("outcome")).isEqualTo("INTERRUPTED");
            assertThat(interrupted.getString("error")).contains("node-a").contains("lease");
            assertThat(interrupted.getString("nodeName")).as("still the node it ran on").isEqualTo("node-a");
        }
    }
}
