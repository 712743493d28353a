package dev.scriptexecuter.execution.boundary;

/** A tag's concurrency limit: at most this many runs of scripts carrying it at once, on the whole cluster. */
public record TagLimitDraft(Integer limit) {
}
