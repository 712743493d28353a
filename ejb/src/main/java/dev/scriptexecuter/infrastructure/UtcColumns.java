package dev.scriptexecuter.infrastructure;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Times are stored as UTC {@code LocalDateTime} columns: EclipseLink on Payara
 * wrote {@code Instant} as a serialised blob, and a zone-less column type is
 * the same on H2, MariaDB and PostgreSQL. Null stays null.
 */
public final class UtcColumns {

    private UtcColumns() {
    }

    public static LocalDateTime column(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(LocalDateTime column) {
        return column == null ? null : column.toInstant(ZoneOffset.UTC);
    }
}
