package dev.scriptexecuter.execution.boundary;

import java.util.List;

/** One page of a script's runs, newest first, with the total count. */
public record RunPage(List<RunView> items, long total, int offset, int limit) {
}
