package dev.scriptexecuter.overview.web;

import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.overview.boundary.Overview;
import dev.scriptexecuter.overview.boundary.OverviewService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's home: the overview, read once per request, and the chart of the day's runs as Chart.js
 * configuration (the p:chart widget draws it; a test reads its data back).
 */
@Named
@RequestScoped
public class OverviewView {

    /** Each group's colour: those of the outcome tags, darker for bars on the light sheet and the dark one alike. */
    private static final Map<String, String> COLOURS = Map.of("succeeded", "#16a34a", "skipped", "#64748b",
            "failed", "#dc2626", "timed out", "#d97706", "other", "#7c3aed");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Inject
    OverviewService overviews;

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    private Overview overview;

    /** One of this node's readiness checks, as the page lists it. */
    public record Check(String name, boolean up) {
    }

    @PostConstruct
    void load() {
        overview = overviews.snapshot();
    }

    public Overview getOverview() {
        return overview;
    }

    /** Chart.js: a stacked bar per hour (UTC), a dataset per outcome group. */
    public String getRunsChart() {
        JsonArrayBuilder labels = Json.PROVIDER.createArrayBuilder();
        overview.hours().forEach(hour -> labels.add(HOUR.format(hour)));
        JsonArrayBuilder datasets = Json.PROVIDER.createArrayBuilder();
        overview.runsByGroup().forEach((group, counts) -> {
            JsonArrayBuilder data = Json.PROVIDER.createArrayBuilder();
            counts.forEach(data::add);
            datasets.add(Json.PROVIDER.createObjectBuilder().add("label", group).add("data", data)
                    .add("backgroundColor", COLOURS.get(group)).add("stack", "runs"));
        });
        JsonObjectBuilder axis = Json.PROVIDER.createObjectBuilder().add("stacked", true);
        return Json.PROVIDER.createObjectBuilder().add("type", "bar")
                .add("data", Json.PROVIDER.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Json.PROVIDER.createObjectBuilder().add("animation", false)
                        .add("maintainAspectRatio", false)
                        .add("scales", Json.PROVIDER.createObjectBuilder()
                                .add("x", axis.add("title", Json.PROVIDER.createObjectBuilder().add("display", true)
                                        .add("text", "hour (UTC)")))
                                .add("y", Json.PROVIDER.createObjectBuilder().add("stacked", true)
                                        .add("beginAtZero", true).add("ticks",
                                                Json.PROVIDER.createObjectBuilder().add("precision", 0)))))
                .build().toString();
    }

    /** The day's runs in words, for those who do not see the chart. */
    public String getRunsSummary() {
        List<String> parts = new ArrayList<>();
        overview.runsByGroup().keySet().forEach(group -> parts.add(overview.total(group) + " " + group));
        return "Runs ended in the last 24 hours: " + String.join(", ", parts) + ".";
    }

    /** This node's readiness checks (the database, Python, the work directory, the sandbox, the runs). */
    public List<Check> getChecks() {
        List<Check> checks = new ArrayList<>();
        for (HealthCheck check : readiness) {
            try {
                HealthCheckResponse response = check.call();
                checks.add(new Check(response.getName(), response.getStatus() == HealthCheckResponse.Status.UP));
            } catch (RuntimeException e) {
                checks.add(new Check(check.getClass().getSimpleName(), false));
            }
        }
        checks.sort(java.util.Comparator.comparing(Check::name));
        return checks;
    }
}
