package dev.scriptexecuter.execution.boundary;

import java.util.List;

/**
 * One page of runs, newest first.
 *
 * @param total how many runs match, counted for the first page only (null on the pages after a cursor: a
 *              count over a long history is what makes paging slow)
 * @param next  the cursor of the page after this one ({@code after}), null when this is the last
 */
public record RunPage(List<RunView> items, Long total, int offset, int limit, String next) {
}
