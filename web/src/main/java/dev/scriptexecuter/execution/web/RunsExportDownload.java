package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunExport;
import dev.scriptexecuter.execution.boundary.RunQuery;
import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.rest.Paging;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /runs-export?script=&outcome=&since=&until=&text=&format=csv|json}:
 * the runs page's "Download" links, the same file as {@code GET /api/runs/export}
 * for a browser logged in to the dashboard. Any logged-in role.
 */
@WebServlet("/runs-export")
public class RunsExportDownload extends HttpServlet {

    @Inject
    RunService runs;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RunExport export = Downloads.orRefused(response, () -> runs.export(new RunQuery(request.getParameter("script"),
                        request.getParameter("outcome"), Paging.time("since", request.getParameter("since")),
                        request.getParameter("text")), Paging.time("until", request.getParameter("until")),
                request.getParameter("format")));
        if (export == null) {
            return;
        }
        response.setContentType(export.contentType());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"");
        response.setHeader("Cache-Control", "private, no-store");
        export.write(response.getWriter());
    }
}
