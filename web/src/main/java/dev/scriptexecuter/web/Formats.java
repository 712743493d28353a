package dev.scriptexecuter.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
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
}
