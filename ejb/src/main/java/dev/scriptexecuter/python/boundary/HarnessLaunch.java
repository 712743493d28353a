package dev.scriptexecuter.python.boundary;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one run's harness process is started with, in plain values: which
 * run of which script, the script's home (its working directory), the
 * interpreter, the environment variables it gets on top of a minimal one,
 * what it may reach, the largest file it may write (0: no limit), and
 * whether it is forked by a warm worker when one can be had.
 */
public record HarnessLaunch(String runId, String scriptId, Path scriptHome, Path python,
                           Map<String, String> environment, boolean allowNetwork, ExtraSandboxPaths scriptPaths,
                           long maxFileBytes, String mode) {

    public HarnessLaunch {
        environment = Map.copyOf(environment);
    }
}
