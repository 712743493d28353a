package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.execution.entity.TriggerKind;
import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.UtcColumns;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which runs a history shows: of one script or of all, of one outcome (or
 * status, for WAITING, QUEUED and RUNNING), queued since a time, and
 * matching a text. The text is looked for in the run's error (contains, any
 * case), and matches its trigger kind, who asked for it, or its id exactly;
 * the error has no index to search, so {@link RunService} bounds a text
 * search to the newest {@link #SEARCHED} runs the other filters select.
 */
public record RunQuery(String scriptId, String outcomeOrStatus, Instant since, String text) {

    /** How many of the newest runs (of those the other filters select) a text search goes through. */
    public static final int SEARCHED = 10_000;

    public RunQuery {
        scriptId = blankAsNull(scriptId);
        outcomeOrStatus = blankAsNull(outcomeOrStatus);
        text = blankAsNull(text == null ? null : text.strip());
    }

    /** Runs of one script, or all, with no other filter. */
    public static RunQuery of(String scriptId) {
        return new RunQuery(scriptId, null, null, null);
    }

    public boolean searches() {
        return text != null;
    }

    /** The filters but the text, on {@code Run r}: each can be read from an index. */
    QueryFilter indexed() {
        QueryFilter filter = QueryFilter.all();
        if (scriptId != null) {
            filter = filter.and("r.script.id = :scriptId", "scriptId", scriptId);
        }
        if (since != null) {
            filter = filter.and("r.queuedAt >= :since", "since", UtcColumns.column(since));
        }
        if (outcomeOrStatus != null) {
            Optional<RunOutcome> outcome = outcome(outcomeOrStatus);
            filter = outcome.isPresent() ? filter.and("r.outcome = :outcome", "outcome", outcome.get())
                    : filter.and("r.status = :status", "status", status(outcomeOrStatus));
        }
        return filter;
    }

    /** The indexed filters and the text, among runs queued at or after {@code floor} (null: no floor). */
    QueryFilter searched(Instant floor) {
        QueryFilter filter = indexed();
        if (floor != null) {
            filter = filter.and("r.queuedAt >= :searchFloor", "searchFloor", UtcColumns.column(floor));
        }
        Map<String, Object> values = new HashMap<>();
        StringBuilder condition = new StringBuilder("(LOWER(r.error) LIKE :text ESCAPE '\\'"
                + " OR LOWER(r.requestedBy) = :who OR r.id = :runId");
        values.put("text", "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%");
        values.put("who", text.toLowerCase(Locale.ROOT));
        values.put("runId", text.toLowerCase(Locale.ROOT));
        trigger(text).ifPresent(kind -> {
            condition.append(" OR r.trigger = :trigger");
            values.put("trigger", kind);
        });
        return filter.and(condition.append(')').toString(), values);
    }

    /** "forced", "Catch-up", "CATCH_UP": a trigger kind, in the words people type. */
    static Optional<TriggerKind> trigger(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(TriggerKind.values()).filter(kind -> kind.name().equals(name)).findFirst();
    }

    private static Optional<RunOutcome> outcome(String name) {
        return Arrays.stream(RunOutcome.values()).filter(outcome -> outcome.name().equals(name)).findFirst();
    }

    private static RunStatus status(String name) {
        return Arrays.stream(RunStatus.values()).filter(status -> status.name().equals(name)).findFirst()
                .orElseThrow(() -> RequestRejected.invalid("\"outcome\" must be one of "
                        + Arrays.toString(RunOutcome.values()) + " or WAITING, QUEUED, RUNNING; \"" + name
                        + "\" is none of them.").with("field", "outcome"));
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
