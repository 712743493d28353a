package dev.scriptexecuter.environment.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scriptexecuter.python.boundary.Requirements;
import dev.scriptexecuter.python.boundary.TestPython;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Real virtualenvs built by real pip from wheels the test writes; nothing comes from the network. */
class EnvironmentBuilderTest {

    @TempDir
    Path work;

    private Path wheels;
    private EnvironmentBuilder builder;
    private EnvironmentBuilder.Settings offline;

    @BeforeEach
    void wheels() {
        wheels = work.resolve("wheels");
        TestWheels.write(wheels, "sestest_pkg", "1.0");
        TestWheels.write(wheels, "sestest_pkg", "2.0");
        builder = new EnvironmentBuilder(work.resolve("environments"));
        offline = new EnvironmentBuilder.Settings("none", List.of(), List.of(wheels.toString()), Duration.ofMinutes(2),
                64 * 1024);
    }

    @Test
    void twoVersionsOfOnePackageLiveInTwoEnvironments() throws Exception {
        Requirements one = Requirements.parse("sestest-pkg==1.0", false);
        Requirements two = Requirements.parse("sestest_pkg == 2.0  # the newer one", false);

        EnvironmentBuilder.Build first = builder.build(one.hash(), one.text(), python(), offline);
        EnvironmentBuilder.Build second = builder.build(two.hash(), two.text(), python(), offline);

        assertThat(first.succeeded()).as(first.log()).isTrue();
        assertThat(second.succeeded()).as(second.log()).isTrue();
        assertThat(versionIn(builder.find(one.hash()).orElseThrow())).isEqualTo("1.0");
        assertThat(versionIn(builder.find(two.hash()).orElseThrow())).isEqualTo("2.0");
        assertThat(first.log()).contains("Successfully installed sestest-pkg-1.0");
        assertThat(first.sizeBytes()).isPositive();
        assertThat(versionIn(python())).as("the base interpreter stays clean").isEqualTo("missing");
    }

    @Test
    void anUnsatisfiableRequirementFailsWithPipsMessageAndLeavesNothing() throws IOException {
        Requirements missing = Requirements.parse("sestest-pkg==9.9", false);

        EnvironmentBuilder.Build build = builder.build(missing.hash(), missing.text(), python(), offline);

        assertThat(build.succeeded()).isFalse();
        assertThat(build.log()).contains("No matching distribution found for sestest-pkg==9.9");
        assertThat(PipOutput.diagnose(build.log()).summary()).as(build.log())
                .startsWith("The package index has no version that matches a requirement. No version matches"
                        + " sestest-pkg==9.9; the versions there: 1.0, 2.0.");
        assertThat(builder.find(missing.hash())).isEmpty();
        assertThat(builds()).isEmpty();
    }

    @Test
    void anIndexThatRefusesConnectionsIsNamedAsTheCauseNotAMissingVersion() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var refusing = new EnvironmentBuilder.Settings("http://127.0.0.1:" + closedPort + "/simple", List.of(),
                List.of(), Duration.ofMinutes(2), 64 * 1024);
        Requirements requirements = Requirements.parse("sestest-pkg==1.0", false);

        EnvironmentBuilder.Build build = builder.build(requirements.hash(), requirements.text(), python(), refusing);

        assertThat(build.succeeded()).isFalse();
        assertThat(build.log()).contains("Could not find a version that satisfies the requirement");
        assertThat(PipOutput.diagnose(build.log()).summary()).as(build.log())
                .startsWith("The package index could not be reached. pip gave up on http://127.0.0.1:" + closedPort
                        + "/simple after 'Connection refused' while looking for sestest-pkg==1.0.");
    }

    @Test
    void anInstallThatRunsOutOfTimeIsKilledAndLeavesNothing() throws Exception {
        try (ServerSocket silentIndex = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silentIndex.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            var hanging = new EnvironmentBuilder.Settings("http://127.0.0.1:" + silentIndex.getLocalPort() + "/simple",
                    List.of(), List.of(), Duration.ofSeconds(8), 64 * 1024);
            Requirements requirements = Requirements.parse("sestest-pkg==1.0", false);

            EnvironmentBuilder.Build build = builder.build(requirements.hash(), requirements.text(), python(), hanging);

            assertThat(build.succeeded()).isFalse();
            assertThat(build.log()).contains("took longer than its time limit");
            assertThat(PipOutput.diagnose(build.log()).cause()).isEqualTo(BuildFailure.Cause.TIMED_OUT);
            assertThat(builder.find(requirements.hash())).isEmpty();
            assertThat(builds()).isEmpty();
            assertThat(pipProcessesUnder(work)).as("pip was killed with its process group").isEmpty();
            acceptor.interrupt();
        }
    }

    @Test
    void aBuildLeftHalfDoneIsNeverFoundAndIsSweptAway() throws Exception {
        Requirements requirements = Requirements.parse("sestest-pkg==1.0", false);
        Path halfDone = work.resolve("environments/builds").resolve(requirements.hash() + "-0badc0de");
        Files.createDirectories(halfDone.resolve("bin"));
        Files.createSymbolicLink(halfDone.resolve("bin/python"), python());

        assertThat(builder.find(requirements.hash())).as("a killed server's build is not an environment").isEmpty();
        assertThat(builder.sweep(Set.of())).containsExactly(halfDone);
        assertThat(halfDone).doesNotExist();

        EnvironmentBuilder.Build build = builder.build(requirements.hash(), requirements.text(), python(), offline);
        assertThat(build.succeeded()).as(build.log()).isTrue();
        assertThat(versionIn(builder.find(requirements.hash()).orElseThrow())).isEqualTo("1.0");
    }

    @Test
    void aRebuildReplacesTheEnvironmentAndTheOldBuildIsSweptWhenUnused() throws Exception {
        Requirements requirements = Requirements.parse("sestest-pkg>=1.0", false);
        builder.build(requirements.hash(), requirements.text(), python(), offline);
        Path firstBuild = builder.find(requirements.hash()).orElseThrow().getParent().getParent();

        EnvironmentBuilder.Build again = builder.build(requirements.hash(), requirements.text(), python(), offline);

        Path secondBuild = builder.find(requirements.hash()).orElseThrow().getParent().getParent();
        assertThat(secondBuild).isNotEqualTo(firstBuild);
        assertThat(again.replaced().getFileName()).isEqualTo(firstBuild.getFileName());
        assertThat(builder.sweep(Set.of(firstBuild.getFileName().toString()))).as("still used by a run").isEmpty();
        assertThat(builder.sweep(Set.of())).hasSize(1);
        assertThat(firstBuild).doesNotExist();
        assertThat(versionIn(builder.find(requirements.hash()).orElseThrow())).isEqualTo("2.0");
    }

    private static Path python() {
        return TestPython.interpreter().executable();
    }

    private List<Path> builds() throws IOException {
        Path builds = work.resolve("environments/builds");
        if (!Files.exists(builds)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(builds)) {
            return entries.toList();
        }
    }

    private static String versionIn(Path python) throws Exception {
        Process process = new ProcessBuilder(python.toString(), "-I", "-c",
                "try:\n import sestest_pkg; print(sestest_pkg.VERSION)\nexcept ImportError:\n print('missing')")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static List<ProcessHandle> pipProcessesUnder(Path work) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(work.toString()) && p.info().commandLine().orElse("").contains("pip")).toList();
    }
}
