package dev.scriptexecuter.web;

import dev.scriptexecuter.execution.boundary.RunUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the dashboard writes times and durations: {@code #{formats.duration(run.durationMillis)}}. Pages show an
 * instant with {@code <ses:time value="#{run.startedAt}"/>} (WEB-INF/tags/time.xhtml): {@link #time} is what
 * the page says without script and keeps as the title, {@link #iso} what time.js turns into the browser's
 * time zone.
 */
@Named
@ApplicationScoped
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** The instant for a machine: ISO 8601 in UTC, to the second ({@code 2026-12-06T17:40:05Z}). */
    public String iso(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return (millis / 60_000) + " min " + (millis / 1000 % 60) + " s";
    }

    /** A whole number of days, hours or minutes in words: {@code 1 hour}, {@code 4 hours}, {@code 7 days}. */
    public static String words(java.time.Duration length) {
        long minutes = length.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return plural(minutes / (24 * 60), "day");
        }
        return minutes % 60 == 0 ? plural(minutes / 60, "hour") : plural(minutes, "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** Bytes in binary units: {@code 512 B}, {@code 3.4 KiB}, {@code 212 MiB}, {@code 1.5 GiB}. */
    public String bytes(Long bytes) {
        if (bytes == null) {
            return "";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B"
                : String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** A run's CPU time and peak memory: {@code 1.24 s CPU (1.20 s user, 0.04 s system), peak memory 212 MiB}. */
    public String usage(RunUsage.Figures figures) {
        if (figures == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (figures.cpuSeconds() != null) {
            parts.add(String.format(Locale.ROOT, "%.2f s CPU (%.2f s user, %.2f s system)", figures.cpuSeconds(),
                    figures.cpuUserSeconds() == null ? 0 : figures.cpuUserSeconds(),
                    figures.cpuSystemSeconds() == null ? 0 : figures.cpuSystemSeconds()));
        }
        if (figures.peakMemoryBytes() != null) {
            parts.add("peak memory " + bytes(figures.peakMemoryBytes()));
        }
        return String.join(", ", parts);
    }
}
