package dev.scriptexecuter.it;

import dev.scriptexecuter.execution.control.RunProcesses;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one MariaDB database: each occurrence of a one-second schedule
 * runs once, a stop sent to one node ends a run on the other, and when a node
 * is killed the other marks its run INTERRUPTED after the lease and carries
 * the schedule on.
 */
class ClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void twoNodesShareTheWorkAndOneTakesOverWhenTheOtherDies() throws Exception {
        String url = FreshDatabase.recreate("ses_cluster");
        try (MicroServer a = new MicroServer(home.resolve("a"), "-Dses.node.name=node-a", "-Dses.run.lease=PT6S")
                .onMariaDb(url).start();
             MicroServer b = new MicroServer(home.resolve("b"), "-Dses.node.name=node-b", "-Dses.run.lease=PT6S")
                     .onMariaDb(url).start()) {
            Api onA = new Api(a.uri()).asAdmin();
            Api onB = new Api(b.uri()).asAdmin();

            String sleeper = onA.createScript("{\"name\": \"sleeper\", \"mainCode\": %s}".formatted(quote(Api.SLEEPER)));
            String stopped = onA.run(sleeper, true);
            onA.awaitSleeping(stopped, WAIT);
            assertThat(onB.get("api/runs/" + stopped).json().getString("nodeName")).isEqualTo("node-a");
            assertThat(onB.post("api/runs/" + stopped + "/stop", "").status()).as("stop sent to the other node")
                    .isEqualTo(202);
            assertThat(onB.awaitFinished(stopped, Duration.ofSeconds(15)).getString("outcome")).isEqualTo("STOPPED");
            await().atMost(Duration.ofSeconds(5)).until(() -> RunProcesses.of(stopped).isEmpty());

            String ticker = onA.createScript(("{\"name\": \"ticker\", \"mainCode\": \"def main(data):\\n    pass\\n\","
                    + " \"schedule\": {\"kind\": \"interval\", \"every\": \"1s\"}}"));
            await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
            List<Instant> due = scheduled(onB, ticker);
            assertThat(due).as("a run for each occurrence, none twice, none left out").doesNotHaveDuplicates();
            assertThat(Duration.between(due.getFirst(), due.getLast()).toSeconds()).isEqualTo(due.size() - 1);

            String orphan = onA.run(sleeper, true);
            onA.awaitSleeping(orphan, WAIT);
            a.kill();
            Instant killed = Instant.now();

            JsonObject interrupted = onB.awaitFinished(orphan, WAIT);
            assertThat(interrupted.getString("outcome")).isEqualTo("INTERRUPTED");
            assertThat(interrupted.getString("error")).contains("node-a").contains("lease");
            await().atMost(WAIT).until(() -> onB.runsOf(ticker).stream().anyMatch(r -> "node-b".equals(r.getString("nodeName"))
                    && !r.isNull("scheduledFor") && Instant.parse(r.getString("scheduledFor")).isAfter(killed.plusSeconds(2))));
            System.out.printf("ticker runs by node: %s%n", onB.runsOf(ticker).stream()
                    .collect(java.util.stream.Collectors.groupingBy(r -> r.getString("nodeName"),
                            java.util.stream.Collectors.counting())));
        }
    }

    private static List<Instant> scheduled(Api api, String scriptId) {
        return api.runsOf(scriptId).stream().filter(r -> !r.isNull("scheduledFor"))
                .map(r -> Instant.parse(r.getString("scheduledFor"))).sorted().toList();
    }
}
