package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.RunExecutor;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The step of job {@code script-run}: marks the run running (noting this job
 * execution on it), makes sure its environment exists, then runs the
 * harness; the work is in {@link RunExecutor}. Ends with the run's outcome.
 */
@Named("scriptRunBatchlet")
@Dependent
public class ScriptRunBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String runId;

    @Inject
    JobContext job;

    @Inject
    RunExecutor executor;

    @Override
    public String process() {
        String prepared = executor.prepare(runId, job.getExecutionId());
        return RunExecutor.READY.equals(prepared) ? executor.execute(runId) : prepared;
    }

    @Override
    public void stop() {
        executor.stop(runId);
    }
}
