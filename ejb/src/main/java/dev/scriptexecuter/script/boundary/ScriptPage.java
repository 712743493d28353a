package dev.scriptexecuter.script.boundary;

import java.util.List;

/** One page of scripts, ordered by name, with the total count. */
public record ScriptPage(List<ScriptView> items, long total, int offset, int limit) {
}
