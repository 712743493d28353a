package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.script.control.ScheduleWords;
import dev.scriptexecuter.script.entity.Schedule;
import dev.scriptexecuter.script.entity.Script;
import dev.scriptexecuter.script.entity.ScheduleKind;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

/**
 * A line of the scripts list: what a table of thousands of scripts shows,
 * read without the code or the data.
 */
public record ScriptSummary(String id, String name, String description, boolean active, String scheduleKind,
                            String scheduleText, Instant nextRunAt, String lastRunId, String lastStatus,
                            String lastOutcome, Long lastDurationMillis, Instant pausedUntil, List<String> tags) {

    /** For the JPQL constructor expression in {@link ScriptService#summaries}. */
    public ScriptSummary(String id, String name, String description, boolean active, ScheduleKind kind, String every,
                         LocalDateTime startAt, String cron, String timezone, LocalDateTime nextFireAt,
                         String lastRunId, String lastStatus, String lastOutcome, LocalDateTime lastStarted,
                         LocalDateTime lastFinished, LocalDateTime pausedUntil, String tags) {
        this(id, name, description, active, kind.name().toLowerCase(),
                ScheduleWords.describe(Schedule.restore(kind, every, startAt, cron, timezone)), instant(nextFireAt),
                lastRunId, lastStatus, lastOutcome,
                lastStarted == null || lastFinished == null ? null : Duration.between(lastStarted, lastFinished).toMillis(),
                instant(pausedUntil), Script.tagsOf(tags));
    }

    static final String SELECT = "SELECT NEW dev.scriptexecuter.script.boundary.ScriptSummary(s.id, s.name,"
            + " s.description, s.active, s.schedule.kind, s.schedule.every, s.schedule.startAt, s.schedule.cron,"
            + " s.schedule.timezone, s.nextFireAt, s.lastRun.runId, s.lastRun.status, s.lastRun.outcome,"
            + " s.lastRun.startedAt, s.lastRun.finishedAt, s.pausedUntil, s.tags) FROM Script s";
}
