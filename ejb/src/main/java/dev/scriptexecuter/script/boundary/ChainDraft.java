package dev.scriptexecuter.script.boundary;

import java.util.List;

/**
 * A script's whole chain, replacing what it had (an empty list: none). A step names the script to start
 * ({@code script}, its id) and when: {@code SUCCEEDED} (the default), {@code FAILED} or {@code ANY}.
 */
public record ChainDraft(List<Step> steps) {

    public record Step(String script, String when) {
    }
}
