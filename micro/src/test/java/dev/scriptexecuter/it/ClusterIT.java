package dev.scriptexecuter.it;

import dev.scriptexecuter.execution.control.RunProcesses;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one MariaDB database: an overdue script's incident is opened
 * once and resolved once however many nodes watch; a dashboard open on one node shows a run
 * made on the other by push, and follows its log as it is printed; a stop sent to one node ends a run on the other; 50 scripts on a one-second interval for 45 s, node A killed with
 * SIGKILL at 22 s: no occurrence runs twice, none is left out, every one due
 * after the kill is decided by node B, A's runs end INTERRUPTED once their lease
 * runs out (with the log they had printed), after that each occurrence runs (or, where the script's previous run
 * is provably still going, is recorded OVERLAPPED), and no run stays
 * unfinished; the chain step after A's interrupted run is started once, by B; a tag's limit of two runs at
 * once holds over both nodes. Prints the counts and the
 * failover time.
 */
class ClusterIT extends BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SCRIPTS = 50;

    @TempDir
    Path home;

    @Test
    void twoNodesShareTheWorkAndOneTakesOverWhenTheOtherDies() throws Exception {
        String url = TestDatabase.server().recreate("ses_cluster");
        try (MicroServer a = new MicroServer(home.resolve("a"), "-Dses.node.name=node-a", "-Dses.run.lease=PT10S",
                "-Dses.incident.check=PT1S").onDatabase(url).start();
             MicroServer b = new MicroServer(home.resolve("b"), "-Dses.node.name=node-b", "-Dses.run.lease=PT10S",
                     "-Dses.incident.check=PT1S").onDatabase(url).start()) {
            Api onA = new Api(a.uri()).asAdmin();
            Api onB = new Api(b.uri()).asAdmin();

            // Both nodes watch every second: an overdue script's incident is opened once and resolved once.
            String quiet = onA.createScript("{\"name\": \"quiet\", \"mainCode\": \"def main(data):\\n    pass\\n\","
                    + " \"policy\": {\"overdueAfter\": \"PT4S\"}}");
            await().atMost(WAIT).until(() -> incidents(onB, quiet).size() == 1);
            Thread.sleep(3_000); // three more checks on each node, both seeing it overdue
            assertThat(incidents(onA, quiet)).as("one incident, whichever node saw it first").hasSize(1);
            onB.awaitFinished(onB.run(quiet, true), WAIT);
            // paused at once: 4 s without another success would make it overdue again, rightly
            assertThat(onB.patch("api/scripts/" + quiet, "{\"active\": false}").status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> !incidents(onA, quiet).getFirst().getBoolean("open"));
            assertThat(incidents(onB, quiet)).as("resolved once, not opened again").hasSize(1);

            // A dashboard open on B shows a run made on A, by push.
            String pushed = onA.createScript("{\"name\": \"pushed-across\", \"mainCode\": \"def main(data):\\n    pass\\n\"}");
            WebDriver browser = newBrowser();
            logIn(browser, b.uri(), "admin", Api.ADMIN_PASSWORD);
            browser.get(b.uri().resolve("index.xhtml").toString());
            awaitSocket(browser);
            js(browser, "window.sesNotReloaded = true;");
            assertThat(onA.awaitFinished(onA.run(pushed, true), WAIT).getString("nodeName")).isEqualTo("node-a");
            waitOn(browser).until(page -> page.findElements(By.cssSelector("#list\\:scripts_data > tr"))
                    .stream().map(WebElement::getText).anyMatch(row -> row.contains("pushed-across")
                            && row.contains("SUCCEEDED")));
            assertThat(js(browser, "return window.sesNotReloaded === true;")).as("updated by push, not reloaded")
                    .isEqualTo(true);

            // The same browser on B follows the log of a run on A as it is printed, and has all of it at the end.
            String talker = onA.createScript("{\"name\": \"talker\", \"mainCode\": %s}".formatted(quote(
                    "import time\ndef main(data):\n    for i in range(1, 17):\n        print('tick', i, flush=True)\n"
                            + "        time.sleep(0.5)\n")));
            String talking = onA.run(talker, true);
            browser.get(b.uri().resolve("run.xhtml?id=" + talking).toString());
            awaitSocket(browser);
            js(browser, "window.sesNotReloaded = true;");
            waitOn(browser).until(page -> page.findElement(By.id("log")).getText().contains("tick 4"));
            assertThat(onB.get("api/runs/" + talking).json().getString("status"))
                    .as("tick 4 reached node B's page while the run went on on node A").isEqualTo("RUNNING");
            assertThat(onA.awaitFinished(talking, WAIT).getString("nodeName")).isEqualTo("node-a");
            List<String> ticks = new ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                ticks.add("tick " + i);
            }
            waitOn(browser).until(page -> page.findElement(By.id("log")).getText().contains("tick 16"));
            // the page fetches the stored log as the run ends: read the lines again should that redraw them
            List<String> shown = read(browser, page -> page.findElements(By.cssSelector("#log .line")).stream()
                    .map(line -> line.getText().substring(line.getText().indexOf(' ') + 1)).toList());
            assertThat(shown).as("every line once, in order").isEqualTo(ticks);
            assertThat(js(browser, "return window.sesNotReloaded === true;")).as("followed by push, not reloaded")
                    .isEqualTo(true);
            browser.get("about:blank"); // no pushes to a browser during the load below

            String sleeper = onA.createScript("{\"name\": \"sleeper\", \"mainCode\": %s}".formatted(quote(Api.SLEEPER)));
            String stopped = onA.run(sleeper, true);
            onA.awaitSleeping(stopped, WAIT);
            assertThat(onB.get("api/runs/" + stopped).json().getString("nodeName")).isEqualTo("node-a");
            await().atMost(WAIT).untilAsserted(() -> assertThat(onB.get("api/runs/" + stopped + "/log").body())
                    .as("the log so far of a run on A, read on B").contains("sleeping"));
            Api.Answer stop = onB.post("api/runs/" + stopped + "/stop", "");
            assertThat(stop.status()).as(() -> "stop sent to the other node: " + stop.body() + "; the run: "
                    + onB.get("api/runs/" + stopped).body()).isEqualTo(202);
            assertThat(onB.awaitFinished(stopped, Duration.ofSeconds(15)).getString("outcome")).isEqualTo("STOPPED");
            await().atMost(Duration.ofSeconds(5)).until(() -> RunProcesses.of(stopped).isEmpty());

            // a tag limited to 2 runs at once on the cluster: 8 runs asked of both nodes, never more than 2 going
            assertThat(onA.put("api/tags/cluster-db/limit", "{\"limit\": 2}").status()).isEqualTo(200);
            List<String> tagged = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tagged.add(onA.createScript("{\"name\": \"db-job-%d\", \"tags\": [\"cluster-db\"], \"mainCode\": %s}"
                        .formatted(i, quote("import time\ndef main(data):\n    time.sleep(1)\n"))));
            }
            List<String> limitedRuns = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                limitedRuns.add((i % 2 == 0 ? onA : onB).run(tagged.get(i % 3), true));
            }
            await().atMost(WAIT).until(() -> limitedRuns.stream().map(run -> onB.get("api/runs/" + run).json())
                    .anyMatch(run -> "cluster-db".equals(run.getString("waitingFor", null))));
            List<JsonObject> limitedEnded = limitedRuns.stream().map(run -> onB.awaitFinished(run, WAIT)).toList();
            assertThat(limitedEnded).allSatisfy(run -> assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED"));
            System.out.printf("cluster: 8 runs tagged cluster-db (limit 2) ran on %s%n", limitedEnded.stream()
                    .collect(java.util.stream.Collectors.groupingBy(run -> run.getString("nodeName"), TreeMap::new,
                            java.util.stream.Collectors.counting())));
            assertThat(WorkflowsIT.mostAtOnce(limitedEnded)).as("runs tagged cluster-db going at once on both nodes")
                    .isLessThanOrEqualTo(2);

            // the sleeper's chain starts a follow-up after any end: its next run ends INTERRUPTED when node A dies
            String followUp = onA.createScript("{\"name\": \"follow-up\", \"mainCode\": %s}".formatted(
                    quote("def main(data, input):\n    return {'after': 'interruption'}\n")));
            assertThat(onA.put("api/scripts/" + sleeper + "/chain", "{\"steps\": [{\"script\": %s, \"when\": \"ANY\"}]}"
                    .formatted(quote(followUp))).status()).isEqualTo(200);

            // 50 scripts on a one-second interval, all due at the same instants, for 45 s; node A is killed
            // (SIGKILL) at 22 s while it runs a long run (started first, so that it holds a slot by then); the
            // failover takes a lease (10 s) and a sweep, which leaves B alone for the last ten seconds or so.
            String orphan = onA.run(sleeper, true);
            onA.awaitSleeping(orphan, WAIT);
            assertThat(onB.get("api/runs/" + orphan).json().getString("leaseUntil", null))
                    .as("a running run's lease, as the other node reads it").isNotNull();
            Instant t0 = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
            List<String> tickers = new ArrayList<>();
            for (int i = 0; i < SCRIPTS; i++) {
                tickers.add(onA.createScript(("{\"name\": \"ticker-%02d\", \"mainCode\": \"def main(data):\\n    pass\\n\","
                        + " \"schedule\": {\"kind\": \"interval\", \"every\": \"PT1S\", \"startAt\": \"%s\"}}")
                        .formatted(i, t0)));
            }
            sleepUntil(t0.plusSeconds(22));
            a.kill();
            Instant killed = Instant.now();
            sleepUntil(t0.plusSeconds(45));
            Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (String ticker : tickers) {
                assertThat(onB.patch("api/scripts/" + ticker, "{\"active\": false}").status()).isEqualTo(200);
            }

            JsonObject interrupted = onB.awaitFinished(orphan, WAIT);
            assertThat(interrupted.getString("outcome")).isEqualTo("INTERRUPTED");
            assertThat(interrupted.getString("error")).contains("node-a").contains("lease");
            assertThat(interrupted.getString("nodeName")).as("still the node it ran on").isEqualTo("node-a");
            assertThat(onB.get("api/runs/" + orphan + "/log").body()).as("what it printed before its node died")
                    .contains("sleeping");
            // the chain step after the interrupted run, started by the node that recorded the interruption
            await().atMost(WAIT).until(() -> onB.runsOf(followUp).stream()
                    .anyMatch(run -> "FINISHED".equals(run.getString("status"))));
            Instant followed = Instant.now();
            try {
                await().atMost(WAIT).until(() -> tickers.stream().flatMap(t -> onB.runsOf(t).stream())
                        .allMatch(r -> "FINISHED".equals(r.getString("status"))));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                List<JsonObject> unfinished = tickers.stream().flatMap(t -> onB.runsOf(t).stream())
                        .filter(r -> !"FINISHED".equals(r.getString("status"))).toList();
                String log = b.log();
                throw new AssertionError("Runs left unfinished: " + unfinished.stream()
                        .collect(java.util.stream.Collectors.groupingBy(r -> r.getString("nodeName") + " "
                                + r.getString("status"), TreeMap::new, java.util.stream.Collectors.counting()))
                        + "; the first of them: " + unfinished.getFirst() + "; node B's log mentions it: "
                        + log.lines().filter(line -> line.contains(unfinished.getFirst().getString("id"))).toList()
                        + "; its last warnings: " + log.lines().filter(line -> line.contains("WARNING")
                                || line.contains("SEVERE")).skip(Math.max(0, log.lines().filter(line ->
                                line.contains("WARNING") || line.contains("SEVERE")).count() - 15)).toList(), e);
            }

            // Failover is over when B has marked A's unfinished runs INTERRUPTED; until then A's runs count as
            // running, and occurrences of their scripts are OVERLAPPED (the default overlap policy).
            Map<String, List<JsonObject>> runsOf = new LinkedHashMap<>();
            tickers.forEach(t -> runsOf.put(t, onB.runsOf(t)));
            List<JsonObject> all = new ArrayList<>(onB.runsOf(sleeper));
            runsOf.values().forEach(all::addAll);
            Instant failedOver = all.stream().filter(r -> "node-a".equals(r.getString("nodeName"))
                            && "INTERRUPTED".equals(r.getString("outcome")))
                    .map(r -> Instant.parse(r.getString("finishedAt"))).max(Instant::compareTo).orElseThrow();
            Map<String, Long> byNode = new TreeMap<>();
            Map<String, Long> byOutcome = new TreeMap<>();
            Duration latestStart = Duration.ZERO;
            long occurrences = 0;
            long overlappedDuringFailover = 0;
            long overlappedAfterFailover = 0;
            long missedAfterFailover = 0;
            for (String ticker : tickers) {
                List<JsonObject> runs = runsOf.get(ticker).stream().filter(r -> !r.isNull("scheduledFor"))
                        .filter(r -> !Instant.parse(r.getString("scheduledFor")).isAfter(end)).toList();
                List<Instant> due = runs.stream().map(r -> Instant.parse(r.getString("scheduledFor"))).sorted().toList();
                assertThat(due).as("no occurrence of %s ran twice", ticker).doesNotHaveDuplicates();
                assertThat(due.getFirst()).as("the first occurrence of %s", ticker).isEqualTo(t0);
                assertThat(due).as("no occurrence of %s left out, before or after the kill", ticker)
                        .hasSize((int) Duration.between(t0, end).toSeconds() + 1);
                for (JsonObject run : runs) {
                    occurrences++;
                    byNode.merge(run.getString("nodeName"), 1L, Long::sum);
                    byOutcome.merge(run.getString("outcome"), 1L, Long::sum);
                    Instant scheduledFor = Instant.parse(run.getString("scheduledFor"));
                    if (scheduledFor.isAfter(killed)) {
                        assertThat(run.getString("nodeName")).isEqualTo("node-b");
                    }
                    if (scheduledFor.isAfter(killed) && !scheduledFor.isAfter(failedOver)
                            && "OVERLAPPED".equals(run.getString("outcome"))) {
                        overlappedDuringFailover++;
                    }
                    if (scheduledFor.isAfter(failedOver) && "OVERLAPPED".equals(run.getString("outcome"))) {
                        // This machine (2 cores, both nodes, MariaDB and the test) runs fewer than 50 Python
                        // processes a second: an occurrence may find the script's previous run still queued or
                        // running on B. That must be true of every one recorded so; none may be lost.
                        Instant claimed = Instant.parse(run.getString("queuedAt"));
                        assertThat(runs).as("a run of %s going on B when %s was claimed", ticker, scheduledFor)
                                .anySatisfy(previous -> assertThat(goingAt(previous, claimed)).isTrue());
                        overlappedAfterFailover++;
                    } else if (scheduledFor.isAfter(failedOver) && "MISSED".equals(run.getString("outcome"))) {
                        // B's timer for an earlier occurrence fired after this one was due: that claim recorded it.
                        assertThat(runs).as("the late claim of %s that recorded %s", ticker, scheduledFor)
                                .anySatisfy(earlier -> {
                                    assertThat(earlier.getString("queuedAt")).isEqualTo(run.getString("queuedAt"));
                                    assertThat(Instant.parse(earlier.getString("scheduledFor"))).isBefore(scheduledFor);
                                });
                        missedAfterFailover++;
                    } else if (scheduledFor.isAfter(failedOver)) {
                        assertThat(run.getString("outcome")).as("an occurrence after the failover: %s", run)
                                .isEqualTo("SUCCEEDED");
                        Duration late = Duration.between(scheduledFor, Instant.parse(run.getString("startedAt")));
                        latestStart = late.compareTo(latestStart) > 0 ? late : latestStart;
                    }
                }
            }
            // made once: not again by the sweep of unstarted chains, which every node makes every 5 s
            sleepUntil(followed.plusSeconds(6));
            assertThat(onB.runsOf(followUp)).as("the chain step of a run whose node died, made once").singleElement()
                    .satisfies(run -> {
                        assertThat(run.getString("startedBy")).isEqualTo(orphan);
                        assertThat(run.getString("trigger")).isEqualTo("CHAIN");
                        assertThat(run.getString("nodeName")).isEqualTo("node-b");
                        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
                    });
            System.out.printf("cluster: %d scripts x %d s = %d occurrences, by node %s, by outcome %s; failover"
                            + " (A's runs INTERRUPTED) %d ms after the kill, %d occurrences OVERLAPPED meanwhile;"
                            + " after it every occurrence was run by B (latest start %d ms after it was due) or"
                            + " OVERLAPPED by the script's previous run still going on B (%d) or MISSED by a late"
                            + " timer on B (%d)%n",
                    SCRIPTS, Duration.between(t0, end).toSeconds() + 1, occurrences, byNode, byOutcome,
                    Duration.between(killed, failedOver).toMillis(), overlappedDuringFailover, latestStart.toMillis(),
                    overlappedAfterFailover, missedAfterFailover);
        }
    }

    /**
     * Whether a run was queued or running on B at that instant (OVERLAPPED records never ran). A run's
     * finishedAt is stamped before its transaction commits, so the claim may have seen it going up to
     * a moment after that stamp: allow one second.
     */
    private static List<JsonObject> incidents(Api api, String script) {
        return api.get("api/incidents?kind=overdue&script=" + script).json().getJsonArray("items").stream()
                .map(jakarta.json.JsonValue::asJsonObject).toList();
    }

    private static boolean goingAt(JsonObject run, Instant instant) {
        return "node-b".equals(run.getString("nodeName")) && !"OVERLAPPED".equals(run.getString("outcome"))
                && !Instant.parse(run.getString("queuedAt")).isAfter(instant)
                && Instant.parse(run.getString("finishedAt")).isAfter(instant.minusSeconds(1));
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
