package dev.scriptexecuter.script.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a script runs: an interval from a first-run time, a cron expression in
 * a time zone, or manual only. Occurrences are computed from the wall clock,
 * never by counting firings, so they do not drift.
 */
@Embeddable
public class Schedule {

    @Enumerated(EnumType.STRING)
    @Column(name = "schedule_kind", nullable = false)
    private ScheduleKind kind;

    @Column(name = "schedule_every")
    private String every;

    /** UTC. */
    @Column(name = "schedule_start_at")
    private LocalDateTime startAt;

    @Column(name = "schedule_cron")
    private String cron;

    @Column(name = "schedule_timezone")
    private String timezone;

    protected Schedule() {
    }

    private Schedule(ScheduleKind kind, Duration every, Instant startAt, String cron, ZoneId timezone) {
        this.kind = Objects.requireNonNull(kind);
        this.every = every == null ? null : every.toString();
        this.startAt = column(startAt == null ? null : startAt.truncatedTo(ChronoUnit.MILLIS));
        this.cron = cron;
        this.timezone = timezone == null ? null : timezone.getId();
    }

    public static Schedule interval(Duration every, Instant startAt) {
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("An interval must be positive.");
        }
        return new Schedule(ScheduleKind.INTERVAL, every, Objects.requireNonNull(startAt), null, null);
    }

    public static Schedule cron(CronExpression cron, ZoneId timezone) {
        return new Schedule(ScheduleKind.CRON, null, null, cron.toString(), Objects.requireNonNull(timezone));
    }

    public static Schedule manual() {
        return new Schedule(ScheduleKind.MANUAL, null, null, null, null);
    }

    /** A schedule from its stored columns, as a query that selects them gives them. */
    public static Schedule restore(ScheduleKind kind, String every, LocalDateTime startAt, String cron, String timezone) {
        Schedule schedule = new Schedule();
        schedule.kind = kind;
        schedule.every = every;
        schedule.startAt = startAt;
        schedule.cron = cron;
        schedule.timezone = timezone;
        return schedule;
    }

    /** The first occurrence at or after {@code t}; empty for manual schedules and crons that never match. */
    public Optional<Instant> firstAtOrAfter(Instant t) {
        return switch (kind) {
            case MANUAL -> Optional.empty();
            case INTERVAL -> Optional.of(intervalAtOrAfter(t));
            case CRON -> CronExpression.parse(cron).nextAtOrAfter(t.atZone(ZoneId.of(timezone)))
                    .map(java.time.ZonedDateTime::toInstant);
        };
    }

    /** The first occurrence strictly after {@code t}. */
    public Optional<Instant> firstAfter(Instant t) {
        return firstAtOrAfter(t.plusMillis(1));
    }

    /**
     * The occurrence {@code from} and those after it up to {@code until}, the newest {@code max} of them:
     * what came due between a fire time and now.
     */
    public List<Instant> dueFrom(Instant from, Instant until, int max) {
        List<Instant> due = new ArrayList<>(List.of(from));
        Instant at = from;
        while (true) {
            Instant following = firstAfter(at).orElse(null);
            if (following == null || following.isAfter(until)) {
                return due;
            }
            due.add(following);
            if (due.size() > max) {
                due.removeFirst();
            }
            at = following;
        }
    }

    private Instant intervalAtOrAfter(Instant t) {
        Instant start = startAt();
        if (!t.isAfter(start)) {
            return start;
        }
        long period = Duration.parse(every).toMillis();
        long elapsed = Duration.between(start, t).toMillis();
        long periods = (elapsed + period - 1) / period;
        return start.plusMillis(periods * period);
    }

    public ScheduleKind kind() {
        return kind;
    }

    public Duration every() {
        return every == null ? null : Duration.parse(every);
    }

    public Instant startAt() {
        return instant(startAt);
    }

    public String cron() {
        return cron;
    }

    public ZoneId timezone() {
        return timezone == null ? null : ZoneId.of(timezone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule other && kind == other.kind && Objects.equals(every, other.every)
                && Objects.equals(startAt, other.startAt) && Objects.equals(cron, other.cron)
                && Objects.equals(timezone, other.timezone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, every, startAt, cron, timezone);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MANUAL -> "manual";
            case INTERVAL -> "every " + every + " from " + startAt();
            case CRON -> "cron '" + cron + "' in " + timezone;
        };
    }
}
