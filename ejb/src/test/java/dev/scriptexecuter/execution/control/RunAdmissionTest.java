package dev.scriptexecuter.execution.control;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's slots and quotas: one user's or one script's runs are refused past their quota, naming it,
 * and another user's run takes a free slot while the first user's runs wait. A run that would have to
 * wait is asked for its slot already stopped, so the answer comes at once instead of after a wait.
 */
class RunAdmissionTest {

    private RunAdmission cut;

    @BeforeEach
    void setUp() {
        cut = new RunAdmission();
        cut.maxConcurrent = 3;
        cut.queueLength = 10;
        cut.maxRunningPerScript = 2;
        cut.maxQueuedPerScript = 2;
        cut.maxRunningPerUser = 2;
        cut.maxQueuedPerUser = 3;
    }

    private Optional<RunRefusal> admit(String runId, String scriptId, String user) {
        return cut.admit(runId, scriptId, user, "node-1");
    }

    private boolean startsNow(String runId) throws InterruptedException {
        LiveRun live = new LiveRun(runId, new LogCapture(Clock.systemUTC(), 1024, null));
        live.stop();
        return cut.awaitSlot(live);
    }

    @Test
    void aScriptsRunsBeyondItsQuotaAreRefusedNamingTheQuota() {
        for (int i = 1; i <= 4; i++) {
            assertThat(admit("a" + i, "s1", "alice")).isEmpty();
        }

        Optional<RunRefusal> refused = admit("a5", "s1", "alice");

        assertThat(refused).hasValueSatisfying(refusal -> {
            assertThat(refusal.setting()).isEqualTo("ses.run.max-queued-per-script");
            assertThat(refusal.limit()).isEqualTo(2);
            assertThat(refusal.reason()).contains("script 's1'", "4 runs", "node 'node-1'",
                    "ses.run.max-running-per-script=2", "ses.run.max-queued-per-script=2");
        });
        assertThat(cut.admitted()).isEqualTo(4);
    }

    @Test
    void scheduledRunsCountForTheirScriptOnlyNotForAUser() throws InterruptedException {
        for (int script = 1; script <= 3; script++) {
            for (int i = 1; i <= 4; i++) {
                assertThat(admit("s" + script + "-" + i, "s" + script, null)).as("scheduled run %d of s%d", i, script)
                        .isEmpty();
            }
        }
        assertThat(admit("s1-5", "s1", null)).hasValueSatisfying(refusal ->
                assertThat(refusal.setting()).isEqualTo("ses.run.max-queued-per-script"));
        assertThat(startsNow("s1-1")).isTrue();
        assertThat(startsNow("s1-2")).isTrue();
        assertThat(startsNow("s1-3")).as("s1 runs as many as its script quota allows").isFalse();
        assertThat(startsNow("s2-1")).as("three scheduled runs hold the node's three slots, beyond a user's 2").isTrue();
        assertThat(cut.running()).isEqualTo(3);
    }

    @Test
    void aUsersRunsBeyondTheirQuotaAreRefusedAlsoOnAnotherScript() {
        for (int i = 1; i <= 4; i++) {
            assertThat(admit("a" + i, "s" + (i % 2), "alice")).isEmpty();
        }
        assertThat(admit("a5", "s3", "alice")).isEmpty();

        Optional<RunRefusal> refused = admit("a6", "s4", "alice");

        assertThat(refused).map(RunRefusal::setting).hasValue("ses.run.max-queued-per-user");
        assertThat(refused.get().reason()).contains("user 'alice'", "ses.run.max-running-per-user=2");
        assertThat(admit("b1", "s4", "bob")).as("another user's run").isEmpty();
    }

    @Test
    void anotherUsersRunStartsWhileTheFirstUsersRunsWait() throws InterruptedException {
        for (int i = 1; i <= 5; i++) {
            assertThat(admit("a" + i, "s" + i, "alice")).isEmpty();
        }
        assertThat(startsNow("a1")).isTrue();
        assertThat(startsNow("a2")).isTrue();
        assertThat(startsNow("a3")).as("alice is at ses.run.max-running-per-user with a slot free").isFalse();

        assertThat(admit("b1", "s9", "bob")).isEmpty();
        assertThat(startsNow("b1")).as("bob's run takes the free slot behind alice's waiting ones").isTrue();
        assertThat(cut.running()).isEqualTo(3);
        assertThat(cut.waiting()).isEqualTo(3);

        cut.leave("a1");
        assertThat(startsNow("a4")).as("a3 came first").isFalse();
        assertThat(startsNow("a3")).isTrue();
    }

    @Test
    void theNodesQueueLengthStillBindsEveryone() {
        cut.maxConcurrent = 1;
        cut.queueLength = 1;
        assertThat(admit("a1", "s1", "alice")).isEmpty();
        assertThat(admit("b1", "s2", "bob")).isEmpty();

        assertThat(admit("c1", "s3", "carol")).map(RunRefusal::setting).hasValue("ses.run.queue-length");
    }

    @Test
    void aRunThatLeftGivesItsPlaceBack() {
        for (int i = 1; i <= 4; i++) {
            assertThat(admit("a" + i, "s1", "alice")).isEmpty();
        }
        cut.leave("a1");

        assertThat(admit("a5", "s1", "alice")).isEmpty();
        cut.leave("unknown");
        assertThat(cut.admitted()).isEqualTo(4);
    }

    @Test
    void aShuttingDownNodeRefusesWithoutAQuota() {
        cut.close();

        assertThat(admit("a1", "s1", "alice")).hasValueSatisfying(refusal -> {
            assertThat(refusal.setting()).isNull();
            assertThat(refusal.reason()).contains("shutting down");
        });
    }
}
