package dev.scriptexecuter.execution.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** One watch for all the node's runs: deadlines, disk checks, and nothing held once a run has ended. */
class RunWatchTest {

    @TempDir
    Path work;

    private ScheduledExecutorService timers;
    private RunWatch cut;
    private Path home;
    private Path runDirectory;

    @BeforeEach
    void setUp() throws IOException {
        timers = Executors.newSingleThreadScheduledExecutor();
        cut = new RunWatch();
        cut.timers = timers;
        cut.disks = TestHarness.disks(); // home 8m, run directory 4m, measured every 100 ms
        home = Files.createDirectories(work.resolve("home"));
        runDirectory = Files.createDirectories(work.resolve("run"));
    }

    @AfterEach
    void tearDown() {
        cut.stop();
        timers.shutdownNow();
    }

    private static LiveRun live(String id) {
        return new LiveRun(id, new LogCapture(Clock.systemUTC(), 1024));
    }

    @Test
    void aRunIsTimedOutOnceItsDeadlineHasPassedAndNotBefore() {
        LiveRun live = live("r1");
        long began = System.nanoTime();
        try (RunWatch.Watch ignored = cut.watch(live, Duration.ofSeconds(30), home, runDirectory)) {
            cut.tick(began + Duration.ofSeconds(29).toNanos());
            assertThat(live.timedOut()).as("before its deadline").isFalse();
            cut.tick(began + Duration.ofSeconds(31).toNanos());
            assertThat(live.timedOut()).as("after its deadline").isTrue();
        }
    }

    @Test
    void anEndedRunIsForgottenAndNoLongerTouched() {
        LiveRun live = live("r2");
        long began = System.nanoTime();
        RunWatch.Watch watch = cut.watch(live, Duration.ofSeconds(1), home, runDirectory);
        assertThat(cut.watching()).isEqualTo(1);
        watch.close();
        assertThat(cut.watching()).as("what the watch still holds of an ended run").isZero();
        cut.tick(began + Duration.ofMinutes(5).toNanos());
        assertThat(live.timedOut()).isFalse();
    }

    @Test
    void aRunOverItsDiskLimitIsEndedAtItsNextCheck() throws IOException {
        LiveRun live = live("r3");
        long began = System.nanoTime();
        try (RunWatch.Watch ignored = cut.watch(live, Duration.ofMinutes(1), home, runDirectory)) {
            Files.write(runDirectory.resolve("big"), new byte[5 << 20]);
            cut.tick(began + Duration.ofMillis(50).toNanos());
            assertThat(live.overDiskLimitBecause()).as("before its check is due").isNull();
            cut.tick(began + Duration.ofMillis(150).toNanos());
            assertThat(live.overDiskLimitBecause()).contains("the run's directory").contains("ses.run.max-dir-bytes");
            assertThat(live.timedOut()).isFalse();
        }
    }

    @Test
    void aCheckThatFailsStopsNoOtherRunsCheck() {
        cut.disks = new DiskLimits() {
            @Override
            Optional<String> over(Path home, Path runDirectory) {
                if (home.endsWith("broken")) {
                    throw new IllegalStateException("cannot measure");
                }
                return Optional.of("Disk limit: over.");
            }
        };
        cut.disks.interval = Duration.ofMillis(100);
        LiveRun broken = live("r4");
        LiveRun other = live("r5");
        long began = System.nanoTime();
        try (RunWatch.Watch a = cut.watch(broken, Duration.ofMinutes(1), work.resolve("broken"), runDirectory);
             RunWatch.Watch b = cut.watch(other, Duration.ofMinutes(1), home, runDirectory)) {
            cut.tick(began + Duration.ofSeconds(1).toNanos());
            assertThat(other.overDiskLimitBecause()).isEqualTo("Disk limit: over.");
            assertThat(broken.overDiskLimitBecause()).isNull();
        }
    }

    @Test
    void theTickerRunsByItself() throws InterruptedException {
        cut.start();
        LiveRun live = live("r6");
        try (RunWatch.Watch ignored = cut.watch(live, Duration.ofMillis(1), home, runDirectory)) {
            long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!live.timedOut() && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            assertThat(live.timedOut()).as("timed out by the node's ticker, without a tick from the test").isTrue();
        }
    }
}
