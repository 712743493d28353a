package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunChanged;
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
 * Sends run changes and new log lines to every open dashboard page over the
 * WebSocket channel {@code runs}; the pages pick what concerns them.
 */
@ApplicationScoped
public class RunPush {

    @Inject
    @Push(channel = "runs")
    PushContext runs;

    public void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunChanged change) {
        Map<String, Object> message = new HashMap<>();
        message.put("type", "status");
        message.put("runId", change.runId());
        message.put("scriptId", change.scriptId());
        message.put("status", change.status());
        message.put("outcome", change.outcome());
        runs.send(message);
    }

    public void output(@Observes RunOutput output) {
        runs.send(Map.of("type", "log", "runId", output.runId(), "first", output.first(), "lines", output.lines()));
    }
}
