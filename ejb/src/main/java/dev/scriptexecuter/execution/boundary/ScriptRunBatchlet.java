package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.RunExecutor;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The one step of job {@code script-run}: marks the run running (noting this
 * job execution on it), makes sure its environment exists, runs the harness
 * and records the outcome; the work is in {@link RunExecutor}. The step's
 * exit status is the run's outcome ({@code NOT_STARTED} when the run was no
 * longer queued).
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
        return executor.run(runId, job.getExecutionId());
    }

    @Override
    public void stop() {
        executor.stop(runId);
    }
}
