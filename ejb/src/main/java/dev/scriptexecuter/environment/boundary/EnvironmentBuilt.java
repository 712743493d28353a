package dev.scriptexecuter.environment.boundary;

/** An environment build ended on this node, committed: for the metrics. */
public record EnvironmentBuilt(boolean succeeded, long millis) {
}
