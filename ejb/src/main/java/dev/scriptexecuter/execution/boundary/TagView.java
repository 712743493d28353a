package dev.scriptexecuter.execution.boundary;

/**
 * A tag: how many scripts carry it, its concurrency limit on the cluster (null: none), how many runs hold
 * one of its slots now, and how many wait for one.
 */
public record TagView(String tag, long scripts, Integer limit, int running, long waiting) {
}
