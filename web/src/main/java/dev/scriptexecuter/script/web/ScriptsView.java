package dev.scriptexecuter.script.web;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptSummary;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import dev.scriptexecuter.web.Formats;
import dev.scriptexecuter.web.Messages;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The scripts page: the list with its run, pause and delete buttons. New
 * scripts are written on the script page (which also opens files).
 */
@Named
@ViewScoped
public class ScriptsView implements Serializable {


    @Inject
    ScriptService scripts;

    @Inject
    RunService runs;

    private ScriptsLazyModel table;

    @PostConstruct
    public void init() {
        table = new ScriptsLazyModel(scripts);
    }

    public void delete(ScriptSummary script) {
        Messages.attempt(() -> scripts.delete(script.id()), () -> "Script '" + script.name() + "' deleted.");
    }

    public void run(ScriptSummary script, boolean force) {
        Messages.attempt(() -> runs.request(script.id(), force),
                () -> (force ? "Forced run" : "Run") + " of '" + script.name() + "' started.");
    }

    /** Pauses an active script (until somebody resumes it), resumes a paused one. */
    public void toggle(ScriptSummary script) {
        Messages.attempt(() -> scripts.setActive(script.id(), !script.active()),
                () -> "'" + script.name() + "' " + (script.active() ? "paused." : "resumed."));
    }

    /** Pauses a script for a while ({@code PT1H}, {@code P1D}, ...): it resumes by itself then. */
    public void pauseFor(ScriptSummary script, String duration) {
        Duration length = Duration.parse(duration);
        Messages.attempt(() -> scripts.pause(script.id(), Instant.now().plus(length)),
                () -> "'" + script.name() + "' paused for " + Formats.words(length) + "; it resumes by itself.");
    }

    public ScriptsLazyModel getTable() {
        return table;
    }
}
