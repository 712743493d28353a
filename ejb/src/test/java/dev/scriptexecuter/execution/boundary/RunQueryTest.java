package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.execution.entity.TriggerKind;
import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.UtcColumns;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run history's filters, as the dashboard's URL and the API give them. */
class RunQueryTest {

    private static final Instant NOON = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void blankFiltersAreNoFilters() {
        RunQuery cut = new RunQuery(" ", "", null, "   ");

        assertThat(cut.indexed().where()).isEmpty();
        assertThat(cut.searches()).isFalse();
    }

    @Test
    void anOutcomeAndAStatusAreToldApart() {
        assertThat(new RunQuery(null, "FAILED", null, null).indexed().parameters())
                .containsEntry("outcome", RunOutcome.FAILED);
        assertThat(new RunQuery(null, "RUNNING", null, null).indexed().parameters())
                .containsEntry("status", RunStatus.RUNNING);
        assertThatThrownBy(() -> new RunQuery(null, "BROKEN", null, null).indexed())
                .isInstanceOf(RequestRejected.class).hasMessageContaining("\"BROKEN\" is none of them");
    }

    @Test
    void theTextIsLookedForInTheErrorWithItsWildcardsTakenLiterally() {
        QueryFilter cut = new RunQuery("s1", null, null, " 100%_Done\\ ").searched(null);

        assertThat(cut.where()).contains("r.script.id = :scriptId").contains("LOWER(r.error) LIKE :text")
                .doesNotContain("r.trigger").doesNotContain(":searchFloor");
        assertThat(cut.parameters()).containsEntry("text", "%100\\%\\_done\\\\%")
                .containsEntry("who", "100%_done\\");
    }

    @Test
    void aTriggerKindInPeoplesWordsAlsoMatchesTheTrigger() {
        assertThat(RunQuery.trigger("catch-up")).contains(TriggerKind.CATCH_UP);
        assertThat(RunQuery.trigger("Forced")).contains(TriggerKind.FORCED);
        assertThat(RunQuery.trigger("timeout")).isEmpty();
        assertThat(new RunQuery(null, null, null, "scheduled").searched(null).parameters())
                .containsEntry("trigger", TriggerKind.SCHEDULED);
    }

    @Test
    void aSearchStaysWithinTheNewestRunsTheOtherFiltersSelect() {
        QueryFilter cut = new RunQuery(null, "FAILED", NOON.minusSeconds(3600), "timeout").searched(NOON);

        assertThat(cut.where()).contains("r.outcome = :outcome").contains("r.queuedAt >= :since")
                .contains("r.queuedAt >= :searchFloor");
        assertThat(cut.parameters()).containsEntry("searchFloor", UtcColumns.column(NOON));
    }
}
