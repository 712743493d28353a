package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.execution.control.RunExecutor;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The first step of job {@code script-run}: marks the run running and makes
 * sure its environment exists; the job goes on to the harness only when this
 * step ends {@link RunExecutor#READY}.
 */
@Named("environmentStepBatchlet")
@Dependent
public class EnvironmentStepBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String runId;

    @Inject
    RunExecutor executor;

    @Override
    public String process() {
        return executor.prepare(runId);
    }

    @Override
    public void stop() {
        executor.stop(runId);
    }
}
