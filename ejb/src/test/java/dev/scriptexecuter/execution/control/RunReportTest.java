package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.entity.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @TempDir
    Path directory;

    private LiveRun live() {
        return new LiveRun("run", new LogCapture(Clock.systemUTC(), 1000));
    }

    private void report(String json) throws Exception {
        Files.writeString(directory.resolve("output.json"), json);
    }

    @Test
    void aHarnessThatReportedAndExitedByItselfWinsOverALateStop() throws Exception {
        report("{\"outcome\": \"SUCCEEDED\", \"data\": {\"n\": 1}, \"error\": null}");
        LiveRun live = live();
        live.stop();
        RunResult result = RunReport.interpret(live, 0, directory, 1000, TIMEOUT, false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(result.dataToSave()).isEqualTo("{\"n\":1}");
    }

    @Test
    void aResultOverItsLimitIsNotStoredAndTheLogSaysSoTheRunKeepsItsOutcome() throws Exception {
        report("{\"outcome\": \"SUCCEEDED\", \"data\": {}, \"error\": null, \"result\": \"" + "x".repeat(300) + "\"}");
        RunResult over = RunReport.interpret(live(), 0, directory, 1000, 100, TIMEOUT, false);
        assertThat(over.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(over.resultJson()).isNull();
        assertThat(over.log()).contains("[the value main returned is 302 bytes of JSON, more than 100 (setting"
                + " ses.run.max-result-bytes): it is not stored as the run's result]");
        RunResult within = RunReport.interpret(live(), 0, directory, 1000, 1000, TIMEOUT, false);
        assertThat(within.resultJson()).hasSize(302);
        report("{\"outcome\": \"SUCCEEDED\", \"data\": {}, \"error\": null, \"result\": null}");
        assertThat(RunReport.interpret(live(), 0, directory, 1000, 1000, TIMEOUT, false).resultJson()).isNull();
    }

    @Test
    void aKilledHarnessIsStoppedEvenIfItHadWrittenAReport() throws Exception {
        report("{\"outcome\": \"SUCCEEDED\", \"data\": {}, \"error\": null}");
        LiveRun live = live();
        live.stop();
        assertThat(RunReport.interpret(live, 137, directory, 1000, TIMEOUT, false).outcome()).isEqualTo(RunOutcome.STOPPED);
    }

    @Test
    void anUnreadableReportFailsTheRunAndSaysSo() throws Exception {
        report("{\"outcome\": \"SUCC");
        RunResult result = RunReport.interpret(live(), 0, directory, 1000, TIMEOUT, false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(result.error()).startsWith("The harness's report could not be read");
    }

    @Test
    void noReportAndNoStopIsAFailureWithTheExitCode() {
        RunResult result = RunReport.interpret(live(), 139, directory, 1000, TIMEOUT, false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(result.error()).contains("exit code 139");
    }
}
