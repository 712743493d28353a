package dev.scriptexecuter.overview.web;

import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.overview.boundary.OverviewService;
import dev.scriptexecuter.overview.boundary.ScriptTrend;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * How one script has been doing, on its runs page ({@code ?script=id}): its last runs' durations coloured by
 * outcome, their CPU time and peak memory, the success rate, p50 and p95, and a strip of the outcomes.
 */
@Named
@RequestScoped
public class ScriptTrendView {

    /** The outcome tags' colours, strong enough for a bar on either theme. */
    static final Map<String, String> COLOURS = Map.ofEntries(Map.entry("SUCCEEDED", "#16a34a"),
            Map.entry("SKIPPED", "#64748b"), Map.entry("FAILED", "#dc2626"), Map.entry("ENVIRONMENT_FAILED", "#dc2626"),
            Map.entry("DISK_LIMIT", "#dc2626"), Map.entry("INTERRUPTED", "#dc2626"), Map.entry("REJECTED", "#dc2626"),
            Map.entry("TIMED_OUT", "#d97706"), Map.entry("STOPPED", "#7c3aed"), Map.entry("OVERLAPPED", "#7c3aed"),
            Map.entry("MISSED", "#7c3aed"));
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Inject
    OverviewService overviews;

    private ScriptTrend trend;

    /** The trend of the page's script; null without one (or when it cannot be read). */
    public ScriptTrend getTrend() {
        if (trend == null) {
            String script = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("script");
            if (script == null || script.isBlank()) {
                return null;
            }
            try {
                trend = overviews.trend(script.strip());
            } catch (RequestRejected e) {
                return null;
            }
        }
        return trend;
    }

    /** Chart.js: a bar per run, its duration in seconds, coloured by its outcome. */
    public String getDurationChart() {
        JsonArrayBuilder labels = Json.PROVIDER.createArrayBuilder();
        JsonArrayBuilder data = Json.PROVIDER.createArrayBuilder();
        JsonArrayBuilder colours = Json.PROVIDER.createArrayBuilder();
        JsonArrayBuilder outcomes = Json.PROVIDER.createArrayBuilder();
        for (ScriptTrend.Point point : getTrend().runs()) {
            labels.add(WHEN.format(point.finishedAt()));
            if (point.durationMillis() == null) {
                data.addNull();
            } else {
                data.add(point.durationMillis() / 1000.0);
            }
            colours.add(COLOURS.getOrDefault(point.outcome(), "#64748b"));
            outcomes.add(point.outcome());
        }
        JsonObjectBuilder dataset = Json.PROVIDER.createObjectBuilder().add("label", "duration (s)").add("data", data)
                .add("backgroundColor", colours).add("outcomes", outcomes);
        return chart("bar", labels, Json.PROVIDER.createArrayBuilder().add(dataset), scales("seconds", null));
    }

    /** Chart.js: each run's CPU seconds and peak memory (MiB), on two axes. */
    public String getResourceChart() {
        JsonArrayBuilder labels = Json.PROVIDER.createArrayBuilder();
        JsonArrayBuilder cpu = Json.PROVIDER.createArrayBuilder();
        JsonArrayBuilder memory = Json.PROVIDER.createArrayBuilder();
        for (ScriptTrend.Point point : getTrend().runs()) {
            labels.add(WHEN.format(point.finishedAt()));
            if (point.cpuSeconds() == null) {
                cpu.addNull();
            } else {
                cpu.add(point.cpuSeconds());
            }
            if (point.peakMemoryBytes() == null) {
                memory.addNull();
            } else {
                memory.add(Math.round(point.peakMemoryBytes() / 1048576.0 * 10) / 10.0);
            }
        }
        JsonArrayBuilder datasets = Json.PROVIDER.createArrayBuilder()
                .add(Json.PROVIDER.createObjectBuilder().add("label", "CPU (s)").add("data", cpu)
                        .add("borderColor", "#2563eb").add("backgroundColor", "#2563eb").add("yAxisID", "y"))
                .add(Json.PROVIDER.createObjectBuilder().add("label", "peak memory (MiB)").add("data", memory)
                        .add("borderColor", "#db2777").add("backgroundColor", "#db2777").add("yAxisID", "y1"));
        return chart("line", labels, datasets, scales("CPU seconds", "MiB"));
    }

    public String getSuccessRate() {
        Double rate = getTrend().successRate();
        return rate == null ? "–" : String.format(Locale.ROOT, "%.0f %%", rate * 100);
    }

    public String colourOf(String outcome) {
        return COLOURS.getOrDefault(outcome, "#64748b");
    }

    private static JsonObjectBuilder scales(String left, String right) {
        JsonObjectBuilder scales = Json.PROVIDER.createObjectBuilder()
                .add("x", Json.PROVIDER.createObjectBuilder().add("ticks", Json.PROVIDER.createObjectBuilder()
                        .add("maxRotation", 0).add("autoSkip", true).add("maxTicksLimit", 8)))
                .add("y", axis(left, "left"));
        if (right != null) {
            scales.add("y1", axis(right, "right").add("grid", Json.PROVIDER.createObjectBuilder()
                    .add("drawOnChartArea", false)));
        }
        return scales;
    }

    private static JsonObjectBuilder axis(String title, String position) {
        return Json.PROVIDER.createObjectBuilder().add("beginAtZero", true).add("position", position)
                .add("title", Json.PROVIDER.createObjectBuilder().add("display", true).add("text", title));
    }

    private static String chart(String type, JsonArrayBuilder labels, JsonArrayBuilder datasets,
                                JsonObjectBuilder scales) {
        return Json.PROVIDER.createObjectBuilder().add("type", type)
                .add("data", Json.PROVIDER.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Json.PROVIDER.createObjectBuilder().add("animation", false)
                        .add("maintainAspectRatio", false).add("scales", scales)
                        .add("plugins", Json.PROVIDER.createObjectBuilder().add("legend",
                                Json.PROVIDER.createObjectBuilder().add("display", "line".equals(type)))))
                .build().toString();
    }
}
