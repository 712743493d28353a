package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run used, measured for real: a script that burns CPU and one that
 * holds 200 MiB, spawned and forked by a warm worker, and a busy loop killed
 * at its timeout (which reports nothing itself). The figures appear in the
 * run's JSON and add up in {@code /metrics}.
 */
@ExtendWith(SharedServer.class)
class ResourceUsageIT {

    private static final Duration RUN_TIME = Duration.ofMinutes(1);
    private static final long MIB = 1024 * 1024;
    /**
     * Burns 1.5 s of CPU, whatever the machine's speed, nearly all of it in user mode (asking for the process's
     * CPU time is a system call: it is asked about once a millisecond).
     */
    private static final String BURNER = """
            import time
            def main(data):
                end = time.process_time() + 1.5
                while time.process_time() < end:
                    sum(i * i for i in range(20000))
            """;
    /** Writes 200 MiB (so every page is resident), keeps it while it prints. */
    private static final String HOLDER = """
            def main(data):
                block = b'x' * (200 * 1024 * 1024)
                print(len(block))
            """;

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(SharedServer.uri()).asAdmin();
    }

    @ParameterizedTest
    @ValueSource(strings = {"spawn", "warm"})
    void aRunThatBurnsCpuReportsItsCpuTime(String mode) {
        JsonObject run = finished(BURNER, mode, null);

        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("processMode")).isEqualTo(mode);
        JsonObject process = run.getJsonObject("usage").getJsonObject("process");
        assertThat(seconds(process, "cpuUserSeconds") + seconds(process, "cpuSystemSeconds")).as("CPU of %s", run)
                .isBetween(1.4, 30.0);
        assertThat(seconds(process, "cpuUserSeconds")).as("user CPU of %s", run).isBetween(1.0, 30.0);
        assertThat(process.getJsonNumber("peakMemoryBytes").longValue()).as("an interpreter's memory")
                .isBetween(2 * MIB, 512 * MIB);
        if (mode.equals("spawn") && cgroupsHere()) {
            JsonObject cgroup = run.getJsonObject("usage").getJsonObject("cgroup");
            assertThat(seconds(cgroup, "cpuUserSeconds") + seconds(cgroup, "cpuSystemSeconds"))
                    .as("the cgroup counts the same CPU and a little more (the sandbox's start)").isBetween(1.4, 30.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"spawn", "warm"})
    void aRunThatHolds200MiBReportsItsPeakMemory(String mode) {
        JsonObject run = finished(HOLDER, mode, null);

        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        long peak = run.getJsonObject("usage").getJsonObject("process").getJsonNumber("peakMemoryBytes").longValue();
        assertThat(peak).as("peak memory of %s", run).isBetween(200 * MIB, 1024 * MIB);
        if (mode.equals("spawn") && cgroupsHere()) {
            long cgroupPeak = run.getJsonObject("usage").getJsonObject("cgroup").getJsonNumber("peakMemoryBytes")
                    .longValue();
            assertThat(cgroupPeak).isBetween(200 * MIB, 2048 * MIB);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"spawn", "warm"})
    void aRunKilledAtItsTimeoutStillHasFiguresWhereItsParentOrItsCgroupCounted(String mode) {
        JsonObject run = finished("def main(data):\n    while True:\n        pass\n", mode, "PT2S");

        assertThat(run.getString("outcome")).isEqualTo("TIMED_OUT");
        if (mode.equals("warm")) {
            // the worker waited for its child: wait4 has its figures even though it was killed
            assertThat(seconds(run.getJsonObject("usage").getJsonObject("process"), "cpuUserSeconds"))
                    .isBetween(0.5, 30.0);
        } else {
            // a killed harness reports nothing of its own
            assertThat(run.isNull("usage") || run.getJsonObject("usage").isNull("process")).isTrue();
            if (cgroupsHere()) {
                JsonObject cgroup = run.getJsonObject("usage").getJsonObject("cgroup");
                assertThat(seconds(cgroup, "cpuUserSeconds")).isBetween(0.5, 30.0);
            }
        }
    }

    @Test
    void metricsAddTheCpuTimeAndCountThePeaksOfRunsEndedOnTheNode() {
        double cpuBefore = cpu();
        double peaksBefore = metric("ses_run_peak_memory_bytes_count\\{[^}]*\\}");

        finished(BURNER, "spawn", null);

        assertThat(cpu() - cpuBefore)
                .as("this run's CPU at least; others may end meanwhile").isGreaterThanOrEqualTo(1.4);
        assertThat(metric("ses_run_peak_memory_bytes_count\\{[^}]*\\}")).isGreaterThan(peaksBefore);
    }

    private JsonObject finished(String code, String mode, String timeout) {
        String policy = "{\"runMode\": %s, \"timeout\": %s}".formatted(quote(mode),
                timeout == null ? "null" : quote(timeout));
        String script = api.createScript("{\"name\": %s, \"mainCode\": %s, \"policy\": %s}".formatted(
                quote("usage-" + UUID.randomUUID()), quote(code), policy));
        return api.awaitFinished(api.run(script, true), RUN_TIME);
    }

    private double cpu() {
        return metric("ses_run_cpu_seconds_total\\{[^}]*mode=\"user\"\\}")
                + metric("ses_run_cpu_seconds_total\\{[^}]*mode=\"system\"\\}");
    }

    private double metric(String sample) {
        Matcher value = Pattern.compile("^" + sample + " (\\S+)$", Pattern.MULTILINE).matcher(api.get("metrics").body());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static double seconds(JsonObject figures, String name) {
        return figures.getJsonNumber(name).doubleValue();
    }

    /**
     * Whether the server (on this machine, as root) gives each spawned run cgroups that account CPU and memory:
     * cgroup v1 with writable cpuacct and memory hierarchies, as on the machine CI runs on.
     */
    private static boolean cgroupsHere() {
        return Files.isWritable(Path.of("/sys/fs/cgroup/pids")) && Files.isWritable(Path.of("/sys/fs/cgroup/cpuacct"))
                && Files.isWritable(Path.of("/sys/fs/cgroup/memory"));
    }
}
