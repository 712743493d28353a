package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunCursor;
import dev.scriptexecuter.execution.boundary.RunPage;
import dev.scriptexecuter.execution.boundary.RunQuery;
import dev.scriptexecuter.execution.boundary.RunService;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run history table asks the database for its count once per load, and
 * for the page without counting again (with a million runs a count is the
 * expensive part of a page), both with the page's filters.
 */
class RunsLazyModelTest {

    /** Records what the table asked for; no database behind it. */
    static class Recording extends RunService {
        final List<String> calls = new ArrayList<>();

        @Override
        public long count(RunQuery query) {
            calls.add("count " + query.scriptId() + " " + query.outcomeOrStatus() + " " + query.text());
            return 1234;
        }

        @Override
        public RunPage pageUncounted(RunQuery query, int offset, int limit) {
            calls.add("page " + query.scriptId() + " " + query.outcomeOrStatus() + " " + query.text() + " "
                    + offset + "+" + limit);
            return new RunPage(List.of(), null, offset, limit, null);
        }

        @Override
        public RunPage page(String scriptId, String outcomeOrStatus, Instant since, int offset, RunCursor after,
                            int limit) {
            calls.add("counted page");
            return new RunPage(List.of(), 1234L, offset, limit, null);
        }
    }

    @Test
    void aLoadCountsOnceAndReadsThePageUncounted() {
        Recording runs = new Recording();
        RunsLazyModel model = new RunsLazyModel(runs, new RunQuery("s1", "FAILED", null, "timeout"));

        assertThat(model.count(Map.of())).isEqualTo(1234);
        assertThat(model.load(40, 20, Map.of(), Map.of())).isEmpty();

        assertThat(runs.calls).containsExactly("count s1 FAILED timeout", "page s1 FAILED timeout 40+20");
    }

    @Test
    void aPageIsNeverLargerThanTheServiceAllows() {
        Recording runs = new Recording();
        new RunsLazyModel(runs, RunQuery.of(null)).load(0, 10_000, Map.of(), Map.of());
        assertThat(runs.calls).containsExactly("page null null null 0+500");
    }
}
