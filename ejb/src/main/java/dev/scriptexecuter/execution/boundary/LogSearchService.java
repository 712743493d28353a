package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.RunHistory;
import dev.scriptexecuter.execution.entity.Run;
import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.infrastructure.UtcColumns;
import dev.scriptexecuter.script.entity.Script;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Searches finished runs' logs. A log has no index, so the cost is bounded
 * twice: only the newest {@code ses.runs.log-search-runs} runs the other
 * filters select are searched (the answer says when older ones were left
 * out), and a page holds at most {@link #MAX_LIMIT} runs with a few lines
 * each. The logs of runs still going are not searched (they are not stored
 * yet); their pages show them live.
 */
@Stateless
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class LogSearchService {

    public static final int MAX_LIMIT = 100;
    public static final int LINES_PER_RUN = 3;
    public static final int LINE_CHARS = 400;

    @PersistenceContext
    EntityManager em;

    @Inject
    RunHistory history;

    /** How many of the newest runs (of those the other filters select) a log search goes through. */
    @Inject
    @ConfigProperty(name = "ses.runs.log-search-runs", defaultValue = "2000")
    int searchedRuns;

    /** How many of the newest runs a search goes through at most (ses.runs.log-search-runs), for the page to say. */
    public int searchedRuns() {
        return Math.max(1, searchedRuns);
    }

    public LogMatches search(LogSearch search, RunCursor after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RequestRejected.invalid("\"limit\" must be between 1 and " + MAX_LIMIT + "; it is " + limit + ".")
                    .with("field", "limit");
        }
        if (search.scriptId() != null && em.find(Script.class, search.scriptId()) == null) {
            throw RequestRejected.notFound("There is no script with id '" + search.scriptId() + "'.")
                    .with("field", "script");
        }
        QueryFilter filter = search.indexed();
        Instant floor = history.floor(filter, searchedRuns());
        if (floor != null) {
            filter = filter.and("r.queuedAt >= :searchFloor", "searchFloor",
                    UtcColumns.column(floor));
        }
        filter = filter.and("LOWER(r.log) LIKE :text ESCAPE '\\'", "text", search.pattern());
        QueryFilter window = after == null ? filter : after.window(filter);
        List<Run> rows = window.bind(em.createQuery("SELECT r FROM Run r" + window.where()
                        + " ORDER BY r.queuedAt DESC, r.id DESC", Run.class))
                .setMaxResults(limit + 1).getResultList();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = new RunCursor(rows.getLast().queuedAt(), rows.getLast().id()).text();
        }
        List<LogMatches.Match> items = new ArrayList<>();
        for (Run run : rows) {
            items.add(match(run, search.text()));
        }
        return new LogMatches(search.text(), items, searchedRuns(), floor != null, next);
    }

    private static LogMatches.Match match(Run run, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        List<LogMatches.Line> lines = new ArrayList<>();
        int matching = 0;
        int number = 0;
        for (String line : LogSoFar.lines(run.log())) {
            number++;
            int at = line.toLowerCase(Locale.ROOT).indexOf(needle);
            if (at < 0) {
                continue;
            }
            matching++;
            if (lines.size() < LINES_PER_RUN) {
                lines.add(new LogMatches.Line(number, around(line, at, needle.length())));
            }
        }
        return new LogMatches.Match(RunView.of(run), lines, matching);
    }

    /** The line, or {@link #LINE_CHARS} of it with the text in view, marked as cut with "…". */
    static String around(String line, int at, int length) {
        if (line.length() <= LINE_CHARS) {
            return line;
        }
        int start = Math.max(0, Math.min(at - (LINE_CHARS - length) / 2, line.length() - LINE_CHARS));
        int end = Math.min(line.length(), start + LINE_CHARS);
        return (start > 0 ? "…" : "") + line.substring(start, end) + (end < line.length() ? "…" : "");
    }
}
