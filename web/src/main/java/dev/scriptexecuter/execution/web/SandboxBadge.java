package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Whether the header shows "not sandboxed", and which host paths the script
 * page says the sandbox adds to what Python needs (asked once per page).
 */
@Named
@RequestScoped
public class SandboxBadge {

    @Inject
    RunService runs;

    private RunService.SandboxStatus status;

    private RunService.SandboxStatus status() {
        if (status == null) {
            status = runs.sandbox();
        }
        return status;
    }

    public boolean isShown() {
        return !status().sandboxed();
    }

    public String getReason() {
        return status().reason();
    }

    public String getExtraPaths() {
        return status().extraPaths();
    }
}
