package dev.scriptexecuter.script.boundary;

import java.util.List;

/** One page of the scripts list and how many scripts match in all. */
public record ScriptSummaryPage(List<ScriptSummary> items, long total) {
}
