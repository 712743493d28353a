package dev.scriptexecuter.execution.control;

/**
 * Why the node does not take a run: the setting whose limit it would go beyond (null when the node is
 * shutting down), that limit, and a sentence saying so for the run's error and the API's answer.
 */
public record RunRefusal(String setting, int limit, String reason) {
}
