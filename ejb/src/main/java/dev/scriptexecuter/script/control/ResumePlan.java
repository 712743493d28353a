package dev.scriptexecuter.script.control;

import dev.scriptexecuter.script.entity.MisfirePolicy;
import dev.scriptexecuter.script.entity.Schedule;

import java.time.Instant;
import java.util.List;

/**
 * Where a resumed script's schedule goes on: occurrences that came due while
 * a person had it paused are treated as those missed while no server ran, as
 * its misfire policy says. SKIP: none of them runs, the next one to come is
 * planned. FIRE_ONCE: one catch-up run, for the newest missed occurrence.
 * FIRE_ALL: a catch-up run for each, up to {@code ses.schedule.misfire-max}
 * (the newest). A catch-up is planned as a next fire time in the past, which
 * the scheduler claims at once, on whichever node, like any late occurrence.
 */
public final class ResumePlan {

    private ResumePlan() {
    }

    /** The next fire time on resuming at {@code now} a script paused at {@code pausedAt} (null: not known). */
    public static Instant next(Schedule schedule, MisfirePolicy misfire, Instant pausedAt, Instant now,
                               int misfireMax) {
        Instant ahead = schedule.firstAtOrAfter(now).orElse(null);
        if (pausedAt == null || misfire == MisfirePolicy.SKIP) {
            return ahead;
        }
        Instant firstMissed = schedule.firstAfter(pausedAt).orElse(null);
        if (firstMissed == null || !firstMissed.isBefore(now)) {
            return ahead;
        }
        List<Instant> missed = schedule.dueFrom(firstMissed, now, Math.max(1, misfireMax));
        return misfire == MisfirePolicy.FIRE_ONCE ? missed.getLast() : missed.getFirst();
    }
}
