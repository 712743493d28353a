package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.LogMatches;
import dev.scriptexecuter.execution.boundary.LogSearch;
import dev.scriptexecuter.execution.boundary.LogSearchService;
import dev.scriptexecuter.execution.boundary.RunCursor;
import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.web.Messages;
import dev.scriptexecuter.web.ScriptScopedPage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The log search page: finished runs whose log holds a text, of one script or
 * all, of one outcome, queued between two times (in the browser's time zone,
 * which the page sends along). Every filter is in the page's address.
 */
@Named
@ViewScoped
public class LogSearchView extends ScriptScopedPage {

    static final int PAGE = 25;

    @Inject
    LogSearchService logs;

    private String text;
    private String outcome;
    private String from;
    private String to;
    private String zone;
    private String after;
    private LogMatches matches;

    public void load() {
        try {
            resolveScript();
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
            forgetScript();
        }
        if (text == null) {
            return;
        }
        try {
            matches = logs.search(new LogSearch(text, getScriptId(), outcome, instant("from", from),
                    instant("to", to)), RunCursor.parse(after), PAGE);
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
        }
    }

    /** Searches with the filters at an address that holds them (a new search starts at the newest runs). */
    public String search() {
        after = null;
        return "/logs?faces-redirect=true&includeViewParams=true";
    }

    /** A time the page's date-time field gives ({@code 2026-12-06T14:30}), in the browser's zone. */
    private Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).atZone(zone()).toInstant();
        } catch (DateTimeException e) {
            throw RequestRejected.invalid("'" + value + "' is not a date and time (" + field + ").")
                    .with("field", field);
        }
    }

    private ZoneId zone() {
        try {
            return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The line split around the first place that holds the text (any case): before, the text as written, after. */
    public List<String> parts(String line) {
        int at = line.toLowerCase(Locale.ROOT).indexOf(text.toLowerCase(Locale.ROOT));
        if (at < 0) {
            return List.of(line, "", "");
        }
        return List.of(line.substring(0, at), line.substring(at, at + text.length()),
                line.substring(at + text.length()));
    }

    public List<String> getOutcomes() {
        return Arrays.stream(RunOutcome.values()).map(Enum::name).toList();
    }

    public LogMatches getMatches() {
        return matches;
    }

    /** How many of the newest runs a search goes through, for the page to say so. */
    public int getSearchedRuns() {
        return logs.searchedRuns();
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = blankAsNull(text);
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = blankAsNull(outcome);
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = blankAsNull(from);
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = blankAsNull(to);
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = blankAsNull(zone);
    }

    public String getAfter() {
        return after;
    }

    public void setAfter(String after) {
        this.after = blankAsNull(after);
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
