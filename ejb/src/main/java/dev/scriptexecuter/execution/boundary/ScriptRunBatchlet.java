package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.RunExecutor;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The second step of job {@code script-run}: runs the harness; the work is in {@link RunExecutor}. */
@Named("scriptRunBatchlet")
@Dependent
public class ScriptRunBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String runId;

    @Inject
    RunExecutor executor;

    @Override
    public String process() {
        return executor.execute(runId);
    }

    @Override
    public void stop() {
        executor.stop(runId);
    }
}
