package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.script.entity.Schedule;

import java.time.Instant;

/**
 * Fired in the transaction of a save that paused a script or changed its
 * schedule while occurrences had come due that no node had claimed yet (a
 * node behind its timers): the scheduler records them, so every occurrence
 * that came due has its row.
 *
 * @param schedule the schedule they were due under
 * @param from     the first of them
 * @param until    when the save replanned the schedule
 * @param why      what happened, for their rows
 */
public record OccurrencesUnclaimed(String scriptId, Schedule schedule, Instant from, Instant until, String why) {
}
