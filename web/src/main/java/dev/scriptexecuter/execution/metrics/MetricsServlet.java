package dev.scriptexecuter.execution.metrics;

import dev.scriptexecuter.execution.boundary.NodeStatus;
import dev.scriptexecuter.incident.boundary.IncidentService;
import dev.scriptexecuter.infrastructure.Node;
import dev.scriptexecuter.infrastructure.PrometheusText;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code /metrics} for Prometheus: what this node has done since it started
 * (runs by outcome, run durations, schedule lateness, CPU time and peak
 * memory of runs, environment builds) and
 * what it is doing now (runs running and waiting for a slot, idle warm
 * workers). Every sample carries the node's name; scrape each node. No script
 * names or data appear here, so it is open like {@code /health}.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    NodeStatus status;

    @Inject
    Node node;

    @Inject
    IncidentService incidents;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrometheusText metrics = new PrometheusText(node.name())
                .counter("ses_runs_total", "Runs ended on this node since it started, by outcome.", "outcome",
                        status.outcomes())
                .histogram("ses_run_duration_seconds", "How long runs ran, from start to end.", status.durations())
                .histogram("ses_schedule_lateness_seconds", "How long after their due time scheduled runs started.",
                        status.lateness())
                .counter("ses_run_cpu_seconds_total", "CPU time the runs ended on this node used, by mode.", "mode",
                        status.cpuSeconds())
                .histogram("ses_run_peak_memory_bytes", "Peak resident memory of the runs ended on this node.",
                        status.peakMemory())
                .gauge("ses_runs_running", "Runs holding a slot on this node (ses.run.max-concurrent).",
                        status.running())
                .gauge("ses_runs_waiting", "Runs admitted on this node and waiting for a slot (ses.run.queue-length).",
                        status.waiting())
                .gauge("ses_warm_workers_idle", "Warm workers waiting for their script's next run.",
                        status.idleWorkers())
                .counter("ses_environment_builds_total", "Python environment builds on this node, by result.",
                        "result", status.builds());
        metrics.gauge("ses_incidents_open", "Incidents open now (the database's: the same on every node), by kind.",
                "kind", incidents.openByKind());
        status.jobExecutions().ifPresent(rows -> metrics.gauge("ses_job_repository_executions",
                "Job executions of runs in the batch job repository (the database's, shared by all nodes; in memory on"
                        + " embedded H2): the running ones and those"
                        + " ended since the last retention purge.", rows));
        String text = metrics.toString();
        response.setContentType(PrometheusText.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(text);
    }
}
