package dev.scriptexecuter.execution.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.python.boundary.ExtraSandboxPaths;
import dev.scriptexecuter.python.boundary.Harness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The harness contract (DESIGN.md section 1), through the real harness and interpreter. */
class HarnessProcessTest {

    private static final String COUNTER = "def main(data):\n    data['n'] = data.get('n', 0) + 1\n";
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    @TempDir
    Path work;

    private TestHarness cut;
    private ScheduledExecutorService timers;

    @BeforeEach
    void setUp() {
        timers = Executors.newSingleThreadScheduledExecutor();
        cut = TestHarness.create(work, timers, "off", mode());
        cut.process.timeout = Duration.ofMinutes(1);
        cut.liveRuns.logMaxBytes = 1 << 20;
    }

    @AfterEach
    void tearDown() {
        timers.shutdownNow();
        cut.close();
    }

    /** How these tests' runs get their process; the warm subclass says "warm". */
    String mode() {
        return Harness.SPAWN;
    }

    private RunResult run(String main, String trigger, String data, boolean force) {
        RunTicket ticket = new RunTicket("run-" + System.nanoTime(), "script-1", "test", main, trigger, null, data, 0, force);
        LiveRun live = cut.open(ticket.runId());
        RunResult result = cut.run(ticket, live);
        assertThat(live.mode()).as("how the run's process was made").isEqualTo(mode());
        assertThat(cut.watching()).as("runs still watched for their limits once ended").isZero();
        return result;
    }

    @Test
    void mainRunsAndItsOutputIsTheLog() {
        RunResult result = run("def main(data):\n    print('hi')\n", null, "{}", false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.log()).matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z hi\\n");
    }

    @Test
    void variablesAreInTheEnvironmentAndSecretsAreMaskedInTheLogAndTheError() {
        String main = "import os\ndef main(data):\n    print('region', os.environ['REGION'])\n"
                + "    print('token', os.environ['TOKEN'])\n    raise RuntimeError('refused ' + os.environ['TOKEN'])\n";
        RunTicket ticket = new RunTicket("run-" + System.nanoTime(), "script-1", "test", main, null, null, "{}", 0, true,
                null, false, null, java.util.Map.of("REGION", "eu-west", "TOKEN", "tok-s3cr3t"), java.util.List.of("tok-s3cr3t"),
                ExtraSandboxPaths.NONE);
        LiveRun live = cut.open(ticket.runId());
        RunResult result = cut.run(ticket, live);

        assertThat(live.mode()).isEqualTo(mode());
        assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(result.log()).contains("region eu-west").contains("token ***").doesNotContain("tok-s3cr3t");
        assertThat(result.error()).contains("refused ***").doesNotContain("tok-s3cr3t");
    }

    private RunResult runWithInput(String main, String trigger, String input) {
        RunTicket ticket = new RunTicket("run-" + System.nanoTime(), "script-1", "test", main, trigger, null, "{}", 0,
                false, null, false, null, java.util.Map.of(), java.util.List.of(), ExtraSandboxPaths.NONE, input);
        LiveRun live = cut.open(ticket.runId());
        return cut.run(ticket, live);
    }

    @Test
    void mainAndTriggerTakingASecondParameterGetTheInputAndWhatMainReturnsIsTheResult() {
        String trigger = "def trigger(data, input):\n    return input['go']\n";
        String main = "def main(data, input):\n    print('hello', input['who'])\n"
                + "    return {'greeted': input['who'], 'twice': [input['who']] * 2}\n";
        RunResult result = runWithInput(main, trigger, "{\"who\": \"Ada\", \"go\": true}");
        assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(result.log()).contains("hello Ada");
        assertThat(Json.parse(result.resultJson())).isEqualTo(Json.parse("{\"greeted\": \"Ada\", \"twice\": [\"Ada\", \"Ada\"]}"));
        assertThat(runWithInput(main, trigger, "{\"who\": \"Ada\", \"go\": false}").outcome())
                .as("the trigger saw the input").isEqualTo(RunOutcome.SKIPPED);
    }

    @Test
    void withoutAnInputASecondParameterGetsAnEmptyObjectAndOneParameterScriptsRunAsBefore() {
        assertThat(runWithInput("def main(data, input=None):\n    return input\n", null, null).resultJson())
                .isEqualTo("{}");
        assertThat(runWithInput("def main(*args):\n    return len(args)\n", null, "{\"a\": 1}").resultJson())
                .isEqualTo("2");
        RunResult legacy = runWithInput("def main(data):\n    data['n'] = 1\n", null, "{\"ignored\": true}");
        assertThat(legacy.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(legacy.resultJson()).as("returned nothing").isNull();
    }

    @Test
    void aResultThatIsNotJsonIsLeftOutAndTheLogSaysWhyTheRunStillSucceeds() {
        RunResult result = run("def main(data):\n    data['n'] = 1\n    return {1, 2}\n", null, "{}", false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(result.resultJson()).isNull();
        assertThat(Json.parseObject(result.dataToSave()).getInt("n")).isEqualTo(1);
        assertThat(result.log()).contains("[the value main returned is not JSON (Object of type set is not JSON"
                + " serializable): it is not stored as the run's result]");
        assertThat(run("def main(data):\n    return 'done'\n", null, "{}", false).resultJson()).isEqualTo("\"done\"");
    }

    @Test
    void dataPersistsThroughWhatMainLeaves() {
        RunResult result = run(COUNTER, null, "{\"n\": 2, \"keep\": \"me\"}", false);
        assertThat(Json.parseObject(result.dataToSave()).getInt("n")).isEqualTo(3);
        assertThat(Json.parseObject(result.dataToSave()).getString("keep")).isEqualTo("me");
    }

    @Test
    void triggerSayingNoSkipsMainButKeepsWhatTriggerWrote() {
        String trigger = "def trigger(data):\n    data['checked'] = True\n    return False\n";
        RunResult result = run(COUNTER, trigger, "{}", false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(Json.parseObject(result.dataToSave())).containsKey("checked").doesNotContainKey("n");
    }

    @Test
    void triggerSayingYesRunsMain() {
        RunResult result = run(COUNTER, "def trigger(data):\n    return data.get('go')\n", "{\"go\": 1}", false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(Json.parseObject(result.dataToSave()).getInt("n")).isEqualTo(1);
    }

    @Test
    void aForcedRunSkipsTheTrigger() {
        String trigger = "def trigger(data):\n    raise RuntimeError('trigger must not run')\n";
        RunResult result = run(COUNTER, trigger, "{}", true);
        assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(result.log()).doesNotContain("trigger must not run");
    }

    @Test
    void anExceptionFailsTheRunWithItsTracebackAndKeepsTheOldData() {
        String main = "def main(data):\n    data['n'] = 99\n    raise ValueError('boom')\n";
        RunResult result = run(main, null, "{\"n\": 1}", false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.error()).isEqualTo("ValueError: boom");
        assertThat(result.log()).contains("Traceback (most recent call last)").contains("ValueError: boom");
        assertThat(result.dataToSave()).isNull();
    }

    @Test
    void aTracebackBeginsAtTheUsersCodeNamedAsTheUserKnowsItAndKeepsTheFramesBelow() {
        String main = "import json\ndef helper():\n    return json.loads('x')\ndef main(data):\n    helper()\n";
        RunResult result = run(main, null, "{}", false);
        assertThat(result.error()).isEqualTo("json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
        assertThat(messages(result)).startsWith("Traceback (most recent call last):",
                "  File \"main.py\", line 5, in main", "    helper()",
                "  File \"main.py\", line 3, in helper", "    return json.loads('x')");
        assertThat(messages(result)).anyMatch(line -> line.matches("  File \".*/json/decoder.py\", line \\d+, in decode"))
                .last().isEqualTo("json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
        assertThat(result.log()).doesNotContain("harness").doesNotContain("worker.py").doesNotContain(work.toString());
    }

    @Test
    void errorsRaisedWhileTheUsersModulesLoadBeginAtThemToo() {
        RunResult atImport = run("raise KeyError('at import')\ndef main(data):\n    pass\n", null, "{}", false);
        assertThat(messages(atImport)).startsWith("Traceback (most recent call last):",
                "  File \"main.py\", line 1, in <module>", "    raise KeyError('at import')")
                .last().isEqualTo("KeyError: 'at import'");

        RunResult syntax = run("def main(data)\n    pass\n", null, "{}", false);
        assertThat(syntax.error()).startsWith("File \"main.py\", line 1").endsWith("SyntaxError: expected ':'");
        assertThat(messages(syntax)).first().isEqualTo("  File \"main.py\", line 1");
        assertThat(syntax.log()).doesNotContain(work.toString());

        RunResult trigger = run(COUNTER, "def trigger(data):\n    return data['missing']\n", "{}", false);
        assertThat(messages(trigger)).startsWith("Traceback (most recent call last):",
                "  File \"trigger.py\", line 2, in trigger", "    return data['missing']")
                .last().isEqualTo("KeyError: 'missing'");
    }

    /** The log's lines without their timestamps. */
    private static java.util.List<String> messages(RunResult result) {
        return result.log().lines().map(line -> line.substring(line.indexOf(' ') + 1)).toList();
    }

    @Test
    void stdoutAndStderrAreInterleavedInOrder() {
        String main = "import sys\ndef main(data):\n    print('one')\n    print('two', file=sys.stderr)\n    print('three')\n";
        RunResult result = run(main, null, "{}", false);
        assertThat(result.log().lines().map(line -> line.substring(line.indexOf(' ') + 1)))
                .containsExactly("one", "two", "three");
    }

    @Test
    void sysExitZeroSucceedsAndOtherCodesFail() {
        assertThat(run("import sys\ndef main(data):\n    data['x'] = 1\n    sys.exit(0)\n", null, "{}", false))
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(RunOutcome.SUCCEEDED))
                .satisfies(r -> assertThat(r.dataToSave()).contains("\"x\""));
        assertThat(run("import sys\ndef main(data):\n    sys.exit(3)\n", null, "{}", false).outcome())
                .isEqualTo(RunOutcome.FAILED);
    }

    @Test
    void dataThatIsNotJsonFailsTheRun() {
        RunResult result = run("def main(data):\n    data['s'] = {1, 2}\n", null, "{}", false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(result.error()).contains("not JSON-serialisable");
    }

    @Test
    void aProcessThatDiesWithoutReportingFails() {
        RunResult result = run("import os\ndef main(data):\n    os._exit(7)\n", null, "{}", false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.error()).contains("exit code 7 without reporting");
    }

    @Test
    void aTimeoutKillsTheWholeProcessGroup() throws Exception {
        cut.process.timeout = Duration.ofMillis(1500);
        String main = "import os, subprocess, time\ndef main(data):\n"
                + "    child = subprocess.Popen(['sleep', '600'])\n"
                + "    print('pid=%d' % child.pid, flush=True)\n    time.sleep(600)\n";
        RunResult result = run(main, null, "{}", false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.TIMED_OUT);
        assertThat(result.error()).contains("ses.run.timeout");
        long child = pid(result.log());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aStoppedRunEndsStoppedAndItsProcessIsGone() throws Exception {
        RunTicket ticket = new RunTicket("run-stop", "script-1", "test",
                "import subprocess, time\ndef main(data):\n    child = subprocess.Popen(['sleep', '600'])\n"
                        + "    print('pid=%d' % child.pid, flush=True)\n    time.sleep(600)\n",
                null, null, "{}", 0, false);
        LiveRun live = cut.open(ticket.runId());
        CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(() -> cut.run(ticket, live));
        await().atMost(Duration.ofSeconds(20)).until(() -> PID.matcher(live.log().text()).find());
        long child = pid(live.log().text());
        live.stop();
        RunResult result = running.get(10, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(RunOutcome.STOPPED);
        assertThat(live.mode()).isEqualTo(mode());
        await("the forked child dies with its run").atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aBackgroundProcessLeftBehindEndsWithTheRun() throws Exception {
        String main = "import subprocess\ndef main(data):\n"
                + "    child = subprocess.Popen(['sleep', '600'])\n    print('pid=%d' % child.pid, flush=True)\n";
        RunResult result = CompletableFuture.supplyAsync(() -> run(main, null, "{}", false)).get(20, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        long child = pid(result.log());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aStopBeforeTheProcessStartsKillsItAtOnce() {
        RunTicket ticket = new RunTicket("run-late-stop", "script-1", "test", COUNTER, null, null, "{}", 0, false);
        LiveRun live = cut.open(ticket.runId());
        live.stop();
        RunResult result = cut.run(ticket, live);
        assertThat(result.outcome()).as("a stop before the process exists kills it at once").isEqualTo(RunOutcome.STOPPED);
        assertThat(live.mode()).isEqualTo(mode());
        assertThat(result.dataToSave()).isNull();
    }

    @Test
    void nanInDataFailsTheRunWithAReason() {
        RunResult result = run("def main(data):\n    data['x'] = float('nan')\n", null, "{}", false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(result.error()).contains("not JSON-serialisable").contains("Out of range float");
    }

    @Test
    void dataOverTheLimitFailsTheRunAndKeepsTheOldData() {
        RunResult result = run("def main(data):\n    data['big'] = 'x' * 10000\n", null, "{\"n\": 1}", false);
        assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(result.error()).contains("larger than 4096 bytes").contains("ses.script.max-data-bytes");
        assertThat(result.dataToSave()).isNull();
    }

    @Test
    void whatAnInterpreterDoesAtExitHappensAfterMain() throws Exception {
        Path written = work.resolve("left-open.txt");
        String main = """
                import atexit, ctypes, threading, time
                class Noisy:
                    def __del__(self):
                        print('finalised', flush=True)
                kept = Noisy()
                unclosed = open(%s, 'w')
                def late():
                    time.sleep(0.3)
                    print('thread done', flush=True)
                def main(data):
                    atexit.register(lambda: print('atexit ran', flush=True))
                    threading.Thread(target=late).start()
                    unclosed.write('buffered, never closed')
                    ctypes.CDLL(None).printf(b"from C stdio\\n")
                """.formatted("'" + written + "'");

        RunResult result = run(main, null, "{}", false);

        assertThat(result.outcome()).as(result.log()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(result.log()).contains("thread done").contains("atexit ran").contains("finalised")
                .contains("from C stdio");
        assertThat(result.log().indexOf("thread done")).as("threads first, then atexit")
                .isLessThan(result.log().indexOf("atexit ran"));
        assertThat(Files.readString(written)).isEqualTo("buffered, never closed");
    }

    @Test
    void theRunDirectoryIsRemovedAfterwards() {
        RunResult result = run("import sys\ndef main(data):\n    data['dir'] = sys.argv[1]\n", null, "{}", false);
        Path directory = Path.of(Json.parseObject(result.dataToSave()).getString("dir"));
        assertThat(directory).as("the run directory the harness was given").startsWithRaw(work);
        assertThat(directory).doesNotExist();
    }

    private static long pid(String log) {
        Matcher matcher = PID.matcher(log);
        assertThat(matcher.find()).as("a pid in the log: %s", log).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
