package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.infrastructure.IsoTimes;
import dev.scriptexecuter.infrastructure.QueryFilter;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.UtcColumns;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;

/**
 * Where a page of runs (newest first) ended: the queue time and id of its
 * last run. A client gets it as an opaque text ({@code next}) and passes it
 * back as {@code after}; the next page then starts right behind that run
 * however many runs were added or purged meanwhile, and costs the same on the
 * thousandth page as on the first (keyset paging, no offset to skip).
 */
public record RunCursor(Instant queuedAt, String runId) {

    private static final String FIELD = "after";

    public String text() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((queuedAt + " " + runId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a page's {@code next} gave, or null when absent; anything else is refused naming the field. */
    public static RunCursor parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(" ", -1);
            if (parts.length == 2 && parts[1].matches("[0-9a-f-]{36}")) {
                Instant queuedAt = Instant.parse(parts[0]);
                if (IsoTimes.inRange(queuedAt)) {
                    return new RunCursor(queuedAt, parts[1]);
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException notACursor) {
            // refused below
        }
        throw RequestRejected.invalid("\"" + FIELD + "\" must be the \"next\" of a page of runs, as given; \""
                + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "\" is not one.").with("field", FIELD);
    }

    /** {@code filter}, narrowed to the runs after this one in newest-first order (queue time, then id). */
    QueryFilter window(QueryFilter filter) {
        // the range on queuedAt alone lets the database start in the index; the rest breaks ties
        return filter.and("r.queuedAt <= :afterQueued AND (r.queuedAt < :afterQueued OR r.id < :afterId)",
                Map.of("afterQueued", UtcColumns.column(queuedAt), "afterId", runId));
    }
}
