package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.execution.boundary.RunView;
import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /run-log?id=RUN}: a run's whole log as a text file, for the run
 * page's download link (the page itself shows it, but a file is what goes
 * into a ticket or through grep). Same access as the page: any logged-in
 * role. The log of a run still going is what it has printed so far.
 */
@WebServlet("/run-log")
public class RunLogDownload extends HttpServlet {

    @Inject
    RunService runs;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        record Found(RunView run, String log) {
        }
        Found found = Downloads.orRefused(response, () -> {
            if (id == null || id.isBlank()) {
                throw RequestRejected.invalid("Which run? The address needs ?id=RUN.");
            }
            return new Found(runs.find(id), runs.log(id));
        });
        if (found == null) {
            return;
        }
        RunView run = found.run();
        String log = found.log();
        byte[] body = log.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(run) + "\"");
        response.setHeader("Cache-Control", "private, no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** {@code <script>-<first 8 of the run id>.log}, the script's name kept to letters, digits, '-', '_' and '.'. */
    static String fileName(RunView run) {
        String script = run.scriptName() == null ? "run" : run.scriptName().replaceAll("[^A-Za-z0-9._-]+", "_");
        if (script.isBlank() || script.chars().allMatch(c -> c == '_' || c == '.')) {
            script = "run";
        }
        return script + "-" + run.id().substring(0, Math.min(8, run.id().length())) + ".log";
    }
}
