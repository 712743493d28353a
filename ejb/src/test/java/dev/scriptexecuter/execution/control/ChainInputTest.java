package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.script.entity.ChainWhen;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a chained run is given, and which ends start which steps. */
class ChainInputTest {

    @Test
    void anObjectResultIsTheInputAsItIsAndAnyOtherValueIsWrapped() {
        assertThat(RunLedger.chainInput("{\"n\":21,\"rows\":[1,2]}")).isEqualTo("{\"n\":21,\"rows\":[1,2]}");
        assertThat(RunLedger.chainInput("42")).isEqualTo("{\"result\":42}");
        assertThat(RunLedger.chainInput("[\"a\",\"b\"]")).isEqualTo("{\"result\":[\"a\",\"b\"]}");
        assertThat(RunLedger.chainInput("\"done\"")).isEqualTo("{\"result\":\"done\"}");
        assertThat(RunLedger.chainInput("null")).isEqualTo("{\"result\":null}");
        assertThat(RunLedger.chainInput(null)).as("no result: no input (the schema's defaults apply)").isNull();
    }

    @Test
    void everyOutcomeMeetsTheStepsItShould() {
        assertThat(ChainWhen.metBy("SUCCEEDED")).containsExactly(ChainWhen.SUCCEEDED, ChainWhen.ANY);
        for (String failed : List.of("FAILED", "TIMED_OUT", "INTERRUPTED", "ENVIRONMENT_FAILED", "DISK_LIMIT", "REJECTED")) {
            assertThat(ChainWhen.metBy(failed)).as(failed).containsExactly(ChainWhen.FAILED, ChainWhen.ANY);
        }
        assertThat(ChainWhen.metBy("STOPPED")).as("stopped by a person: only 'any'").containsExactly(ChainWhen.ANY);
        for (String nothing : List.of("SKIPPED", "OVERLAPPED", "MISSED")) {
            assertThat(ChainWhen.metBy(nothing)).as("%s ran nothing", nothing).isEmpty();
        }
        // every outcome there is has been decided above
        assertThat(Arrays.stream(RunOutcome.values()).map(Enum::name)).containsExactlyInAnyOrder("SUCCEEDED", "FAILED",
                "TIMED_OUT", "INTERRUPTED", "ENVIRONMENT_FAILED", "DISK_LIMIT", "REJECTED", "STOPPED", "SKIPPED",
                "OVERLAPPED", "MISSED");
    }
}
