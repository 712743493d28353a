package dev.scriptexecuter.script.boundary;

import java.util.List;

/**
 * A script's chain: the scripts its runs start ({@code steps}, in order) and the scripts whose runs start it
 * ({@code startedBy}; there {@code script} is the one whose step it is).
 */
public record ChainView(String scriptId, List<Link> steps, List<Link> startedBy) {

    public record Link(String script, String scriptName, String when) {
    }
}
