package dev.scriptexecuter.infrastructure;


import java.util.Locale;
import java.util.Map;

/**
 * Writes metrics in Prometheus' text exposition format 0.0.4: a HELP and TYPE
 * line per metric, then its samples, every one labelled with the node.
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder();
    private final String nodeLabel;

    public PrometheusText(String node) {
        this.nodeLabel = "node=\"" + escape(node) + "\"";
    }

    /** A counter with one sample per value of {@code label}. */
    public PrometheusText counter(String name, String help, String label, Map<String, ? extends Number> values) {
        header(name, help, "counter");
        values.forEach((value, count) -> sample(name, label + "=\"" + escape(value) + "\"", count.doubleValue()));
        return this;
    }

    /** A gauge with one sample per label value. */
    public PrometheusText gauge(String name, String help, String label, Map<String, ? extends Number> values) {
        header(name, help, "gauge");
        values.forEach((value, count) -> sample(name, label + "=\"" + escape(value) + "\"", count.doubleValue()));
        return this;
    }

    public PrometheusText gauge(String name, String help, double value) {
        header(name, help, "gauge");
        sample(name, null, value);
        return this;
    }

    public PrometheusText histogram(String name, String help, Histogram.Snapshot snapshot) {
        header(name, help, "histogram");
        for (int i = 0; i < snapshot.bounds().length; i++) {
            sample(name + "_bucket", "le=\"" + number(snapshot.bounds()[i]) + "\"", snapshot.cumulative()[i]);
        }
        sample(name + "_bucket", "le=\"+Inf\"", snapshot.count());
        sample(name + "_sum", null, snapshot.sum());
        sample(name + "_count", null, snapshot.count());
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void header(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String label, double value) {
        out.append(name).append('{').append(nodeLabel);
        if (label != null) {
            out.append(',').append(label);
        }
        out.append("} ").append(number(value)).append('\n');
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
