package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.UtcColumns;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * A search of finished runs' logs for a text (any case), of one script or of
 * all, of one outcome, queued within a time range. The logs have no index:
 * {@link LogSearchService} goes through a bounded number of the newest runs
 * the other filters select.
 */
public record LogSearch(String text, String scriptId, String outcome, Instant since, Instant until) {

    public static final int MIN_TEXT = 2;
    public static final int MAX_TEXT = 200;

    public LogSearch {
        text = text == null ? "" : text.strip();
        if (text.length() < MIN_TEXT || text.length() > MAX_TEXT) {
            throw RequestRejected.invalid("\"text\" must be " + MIN_TEXT + " to " + MAX_TEXT
                    + " characters (after leading and trailing spaces); it is " + text.length() + ".")
                    .with("field", "text");
        }
        if (text.contains("\n") || text.contains("\r")) {
            throw RequestRejected.invalid("\"text\" is looked for within a line of the log; it cannot hold a line"
                    + " break.").with("field", "text");
        }
        scriptId = scriptId == null || scriptId.isBlank() ? null : scriptId.strip();
        String named = outcome == null || outcome.isBlank() ? null : outcome.strip().toUpperCase(Locale.ROOT);
        if (named != null && Arrays.stream(RunOutcome.values()).noneMatch(o -> o.name().equals(named))) {
            throw RequestRejected.invalid("\"outcome\" must be one of " + Arrays.toString(RunOutcome.values())
                    + "; \"" + named + "\" is none of them.").with("field", "outcome");
        }
        outcome = named;
        if (since != null && until != null && until.isBefore(since)) {
            throw RequestRejected.invalid("\"until\" (" + until + ") is before \"since\" (" + since + ").")
                    .with("field", "until");
        }
    }

    /** The filters but the text, on {@code Run r}: each can be read from an index. */
    QueryFilter indexed() {
        QueryFilter filter = QueryFilter.all().and("r.status = :finished", "finished", RunStatus.FINISHED);
        if (scriptId != null) {
            filter = filter.and("r.script.id = :scriptId", "scriptId", scriptId);
        }
        if (outcome != null) {
            filter = filter.and("r.outcome = :outcome", "outcome", RunOutcome.valueOf(outcome));
        }
        if (since != null) {
            filter = filter.and("r.queuedAt >= :since", "since", UtcColumns.column(since));
        }
        if (until != null) {
            filter = filter.and("r.queuedAt < :until", "until", UtcColumns.column(until));
        }
        return filter;
    }

    /** The text as a LIKE pattern on the lower-cased log, its wildcards escaped ({@code ESCAPE '\'}). */
    String pattern() {
        return "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
