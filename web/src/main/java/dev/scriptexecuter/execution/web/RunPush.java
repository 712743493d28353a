package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunChanged;
import dev.scriptexecuter.execution.boundary.RunChangedElsewhere;
import dev.scriptexecuter.execution.boundary.RunOutput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.omnifaces.cdi.Push;
import org.omnifaces.cdi.PushContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Sends run changes (this node's, and other nodes' as read from the database)
 * and new log lines (this node's runs only) to every open dashboard page over
 * the WebSocket channel {@code runs}; the pages pick what concerns them.
 */
@ApplicationScoped
public class RunPush {

    @Inject
    @Push(channel = "runs")
    PushContext runs;

    public void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunChanged change) {
        send(change.runId(), change.scriptId(), change.status(), change.outcome());
    }

    /** Runs of other nodes, as this node reads them from the database. */
    public void changedElsewhere(@Observes RunChangedElsewhere change) {
        send(change.runId(), change.scriptId(), change.status(), change.outcome());
    }

    private void send(String runId, String scriptId, String status, String outcome) {
        Map<String, Object> message = new HashMap<>();
        message.put("type", "status");
        message.put("runId", runId);
        message.put("scriptId", scriptId);
        message.put("status", status);
        message.put("outcome", outcome);
        runs.send(message);
    }

    public void output(@Observes RunOutput output) {
        runs.send(Map.of("type", "log", "runId", output.runId(), "first", output.first(), "lines", output.lines()));
    }
}
