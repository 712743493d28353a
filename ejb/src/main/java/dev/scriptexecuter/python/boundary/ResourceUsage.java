package dev.scriptexecuter.python.boundary;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/**
 * What a run's processes used: CPU time in user and in kernel mode, and the
 * peak of resident memory. Any figure is null where it was not measured.
 */
public record ResourceUsage(Long cpuUserMillis, Long cpuSystemMillis, Long peakMemoryBytes) {

    /**
     * From the figures the harness (getrusage) and the warm worker (wait4)
     * report: {@code {"userSeconds": 1.5, "systemSeconds": 0.1, "maxRssKib": 20480}};
     * null for anything else.
     */
    public static ResourceUsage fromReport(Object usage) {
        if (!(usage instanceof JsonObject figures)) {
            return null;
        }
        ResourceUsage read = new ResourceUsage(millis(figures, "userSeconds"), millis(figures, "systemSeconds"),
                figures.get("maxRssKib") instanceof JsonNumber kib && kib.longValue() >= 0
                        ? kib.longValue() * 1024 : null);
        return read.measured() ? read : null;
    }

    private static Long millis(JsonObject figures, String name) {
        return figures.get(name) instanceof JsonNumber seconds && seconds.doubleValue() >= 0
                ? Math.round(seconds.doubleValue() * 1000) : null;
    }

    /** Whether any figure is known. */
    public boolean measured() {
        return cpuUserMillis != null || cpuSystemMillis != null || peakMemoryBytes != null;
    }
}
