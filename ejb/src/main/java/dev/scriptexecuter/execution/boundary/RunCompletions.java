package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.entity.RunStatus;
import dev.scriptexecuter.infrastructure.IsoTimes;
import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Lets a request wait for a run to finish ({@code POST .../runs?wait=30s})
 * instead of polling: it is told when this node commits the run's end, or
 * when this node sees another node's end of it.
 */
@ApplicationScoped
public class RunCompletions {

    /** The longest a request may wait for its run; it holds a request thread meanwhile. */
    @Inject
    @ConfigProperty(name = "ses.api.max-wait", defaultValue = "PT5M")
    Duration maxWait;

    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** A request's "wait" parameter ("30s", "PT2M"), or null when it has none. */
    public Duration parseWait(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Duration wait = IsoTimes.duration(text.strip()).orElseThrow(() -> RequestRejected.invalid(
                "\"wait\" must be a duration such as \"30s\" or \"PT2M\"; \"" + text + "\" is not one.")
                .with("field", "wait"));
        if (wait.isNegative() || wait.compareTo(maxWait) > 0) {
            throw RequestRejected.invalid("\"wait\" must be between 0 and " + maxWait
                    + " (setting ses.api.max-wait); it is " + wait + ".").with("field", "wait");
        }
        return wait;
    }

    /**
     * Waits until the run is finished or {@code wait} has passed.
     *
     * @param finished reads whether the run is finished already (it may have ended before the wait began)
     * @return whether it finished in time
     */
    public boolean await(String runId, Duration wait, BooleanSupplier finished) throws InterruptedException {
        CompletableFuture<Void> done = waiting.computeIfAbsent(runId, id -> new CompletableFuture<>());
        try {
            if (finished.getAsBoolean()) {
                return true;
            }
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return finished.getAsBoolean();
        } catch (ExecutionException e) {
            return finished.getAsBoolean();
        } finally {
            waiting.remove(runId, done);
        }
    }

    void onRunChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunChanged change) {
        finishedIf(change.runId(), change.status());
    }

    void onRunChangedElsewhere(@Observes RunChangedElsewhere change) {
        finishedIf(change.runId(), change.status());
    }

    private void finishedIf(String runId, String status) {
        if (RunStatus.FINISHED.name().equals(status)) {
            CompletableFuture<Void> done = waiting.get(runId);
            if (done != null) {
                done.complete(null);
            }
        }
    }
}
