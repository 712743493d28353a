package dev.scriptexecuter.script.entity;

/**
 * How a script's runs get their Python process: a new interpreter per run, or
 * forked by a warm worker that has the interpreter and harness loaded already.
 * A script without a choice follows the node's {@code ses.run.mode}.
 */
public enum RunMode {
    SPAWN,
    WARM
}
