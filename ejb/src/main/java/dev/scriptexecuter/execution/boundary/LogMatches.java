package dev.scriptexecuter.execution.boundary;

import java.util.List;

/**
 * One page of a log search, newest runs first.
 *
 * @param searchedRuns how many of the newest runs the filters select were searched at most
 *                     ({@code ses.runs.log-search-runs})
 * @param olderNotSearched whether the filters select older runs than those, which were left out: narrow the
 *                         search by script, outcome or time to reach them
 * @param next         the cursor of the page after this one ({@code after}), null when this is the last
 */
public record LogMatches(String text, List<Match> items, int searchedRuns, boolean olderNotSearched, String next) {

    /**
     * A run whose log holds the text: the first {@link LogSearchService#LINES_PER_RUN} lines that do
     * (numbered from 1, as on the run's page) and how many lines hold it in all.
     */
    public record Match(RunView run, List<Line> lines, int matchingLines) {
    }

    /** A log line, cut to {@link LogSearchService#LINE_CHARS} characters around the text if it is longer. */
    public record Line(int number, String text) {
    }
}
