package dev.scriptexecuter.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness (bench/, BENCHMARKS.md) still works: each benchmark
 * runs once, briefly, against the packaged server and prints its table. Only
 * that it ran and measured is checked, never how fast: speed is what the
 * harness itself reports. The benchmarks that only measure a server's answers
 * (runs, scripts_list, api_load) measure the suite's shared server
 * ({@code SES_BENCH_URL}): a start of their own each is most of what they would
 * cost here; the others start their own, as what they measure needs (a cold
 * start, restarts, settings of their own, MariaDB), side by side: what they print is checked, not what it
 * says, so their sharing two cores changes nothing here (on this CPU-bound machine it saved only some 26 s of
 * 253: each took two to three times as long).
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedServer.class)
class BenchSmokeIT {

    private static final Path BENCH = Path.of(System.getProperty("ses.bench"));
    private static final Pattern ROW = Pattern.compile("^\\| (P\\d [^|]+) \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d.]+) \\|$",
            Pattern.MULTILINE);

    @Test
    void runsBenchmarkMeasuresBothTheServerAndTheFloor() throws Exception {
        String output = onSharedServer("runs.py", "--repeat", "1", "--warmup", "1");
        Matcher rows = ROW.matcher(output);
        int count = 0;
        while (rows.find()) {
            count++;
            assertThat(Double.parseDouble(rows.group(2))).as(rows.group(1)).isPositive();
            assertThat(Double.parseDouble(rows.group(4))).as(rows.group(1)).isPositive();
        }
        assertThat(count).as(output).isEqualTo(8);
        assertThat(output).contains("P1 no-op run: warm, through the API").contains("P1 no-op run: bare harness spawn (floor)")
                .contains("P1 no-op run: bare warm worker fork (warm floor)")
                .contains("P2 40 sequential fibo(10) runs: spawned, through the API");
    }

    @Test
    void scriptsListBenchmarkSeedsAndMeasures() throws Exception {
        String output = onSharedServer("scripts_list.py", "--scripts", "5", "--repeat", "1");
        assertThat(output).contains("seeded 5 scripts").containsPattern("\\| list-page \\| [\\d.]+ \\|")
                .containsPattern("\\| api-page \\| [\\d.]+ \\|");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void loadBenchmarkMeasuresThroughputLatenessAndStartUp() throws Exception {
        String output = bench("load.py", "--runs", "4", "--clients", "2", "--rates", "2", "--seconds", "3");
        assertThat(output).containsPattern("\\| cold start until the login page answers \\| [\\d.]+ s \\|")
                .containsPattern("\\| server RSS, idle after start-up \\| [1-9]\\d* MiB \\|")
                .containsPattern("\\| bare harness spawns, 2 threads \\(floor\\) \\| [\\d.]+ \\| 1.00 \\|")
                .containsPattern("\\| bare warm workers forking the harness, 2 threads \\(warm floor\\) \\| [\\d.]+ \\| [\\d.]+ \\| 1.00 \\|")
                .containsPattern("\\| warm, through the API \\(\\?wait\\) \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\|")
                .containsPattern("\\| 2 \\| spawn \\| \\d+ \\| \\d+ \\| \\d+ of 6 \\|")
                .containsPattern("\\| 2 \\| warm \\| \\d+ \\| \\d+ \\| \\d+ of 6 \\|");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void soakBenchmarkRunsUntilTheCountAndSamplesTheNode() throws Exception {
        String output = bench("soak.py", "--runs", "6", "--scripts", "2", "--sample", "5", "--keep-runs", "3",
                "--purge-every", "PT2S");
        // minute, runs ended, succeeded, history, job rows, database MiB, live heap MiB, RSS MiB
        assertThat(output).containsPattern("\\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| (\\d+|—) \\| [\\d.]+ \\| [1-9]\\d* \\| [1-9]\\d* \\|")
                .containsPattern("\\d+ runs ended in [\\d.]+ min");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void startBenchmarkRestartsTheServerAndReadsItsMemory() throws Exception {
        // the start script's cache is RestartIT's subject; here the harness itself, on the shortest path
        String output = bench("start.py", "--kinds", "launcher", "--restarts", "1", "--idle", "1");
        assertThat(output).containsPattern(
                "\\| launcher \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\([\\d.]+–[\\d.]+\\) \\| 1.00 \\| [1-9]\\d* \\| [1-9]\\d* \\|");
    }

    @Test
    void apiLoadBenchmarkDrivesWrkAgainstTheApiAndTheFloor() throws Exception {
        String output = onSharedServer("api_load.py", "--scripts", "5", "--connections", "4", "--seconds", "2");
        assertThat(output).containsPattern("\\| static-file \\| [\\d.]+ \\| [\\d.]+ \\| \\d+ \\| 1.0 \\|")
                .containsPattern("\\| api-page \\| [\\d.]+ \\| [\\d.]+ \\| \\d+ \\| [\\d.]+ \\|")
                .containsPattern("\\| api-read \\| [\\d.]+ \\| [\\d.]+ \\| \\d+ \\| [\\d.]+ \\|");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void historyBenchmarkStoresRunsInBulkAndPagesThroughThem() throws Exception {
        Assumptions.assumeTrue(Path.of("/usr/bin/mysql").toFile().canExecute(),
                "history.py needs MariaDB and its mysql client (Debian: mariadb-client)");
        TestDatabase mariaDb = TestDatabase.of(TestDatabase.Kind.MARIADB);
        String output = benchWith(Map.of("SES_BENCH_MARIADB", mariaDb.host() + ":" + mariaDb.port(),
                "SES_BENCH_MARIADB_USER", mariaDb.adminUser(), "SES_BENCH_MARIADB_PASSWORD", mariaDb.adminPassword()),
                "history.py",
                "--scripts", "5", "--runs", "200", "--busy", "120", "--connections", "2", "--seconds", "2",
                "--due", "2", "--purge-window", "4", "--keep-runs", "20");
        assertThat(output).contains("5 scripts, 200 runs")
                .containsPattern("\\| static-file \\| [\\d.]+ \\| [\\d.]+ \\| \\d+ \\| 1.0 \\|")
                .containsPattern("\\| history-first \\| [\\d.]+ \\| [\\d.]+ \\| \\d+ \\| [\\d.]+ \\|")
                .containsPattern("\\| history-deep \\| [\\d.]+ \\| [\\d.]+ \\| \\d+ \\| [\\d.]+ \\|")
                // the busy script's runs beyond the 20 kept
                .containsPattern("\\| purge this build: [1-9]\\d* runs deleted in [\\d.]+ s \\|")
                .containsPattern("\\| schedule during the purge \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ of \\d+ \\|");
    }

    private static String bench(String... arguments) throws IOException, InterruptedException {
        return benchWith(Map.of(), arguments);
    }

    private static String onSharedServer(String... arguments) throws IOException, InterruptedException {
        String output = benchWith(Map.of("SES_BENCH_URL", SharedServer.uri().toString(), "SES_BENCH_PASSWORD",
                Api.ADMIN_PASSWORD), arguments);
        assertThat(output).as("measured the shared server, not one of its own")
                .contains("measuring the server that runs at " + SharedServer.uri());
        return output;
    }

    private static String benchWith(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("python3"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(BENCH.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
