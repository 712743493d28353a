package dev.scriptexecuter.execution.boundary;

/** A run named from another one (the run that started it, the runs it started): enough to show a link. */
public record RunLink(String id, String scriptId, String scriptName, String outcome) {
}
