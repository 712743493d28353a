package dev.scriptexecuter.execution.boundary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finished runs about to be deleted by retention, in the deleting
 * transaction: an observer that still needs some of them (a pending webhook
 * delivery) holds them back, and those stay.
 */
public final class RunsPurging {

    private final List<String> runIds;
    private final Set<String> held = new HashSet<>();

    public RunsPurging(List<String> runIds) {
        this.runIds = List.copyOf(runIds);
    }

    public List<String> runIds() {
        return runIds;
    }

    public void hold(java.util.Collection<String> ids) {
        held.addAll(ids);
    }

    /** The runs to delete: all but those held. */
    public List<String> released() {
        return runIds.stream().filter(id -> !held.contains(id)).toList();
    }
}
