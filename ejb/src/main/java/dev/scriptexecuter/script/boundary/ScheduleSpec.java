package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.script.entity.Schedule;

/**
 * A schedule as people write it: {@code {"kind":"interval","every":"PT30S","startAt":"..."}},
 * {@code {"kind":"cron","cron":"0 0/5 * * * *","timezone":"Europe/Berlin"}} or {@code {"kind":"manual"}}.
 * Fields are text so that a wrong value gets a sentence, not a parser trace.
 */
public record ScheduleSpec(String kind, String every, String startAt, String cron, String timezone) {

    public static ScheduleSpec manual() {
        return new ScheduleSpec("manual", null, null, null, null);
    }

    public static ScheduleSpec of(Schedule schedule) {
        return switch (schedule.kind()) {
            case MANUAL -> manual();
            case INTERVAL -> new ScheduleSpec("interval", schedule.every().toString(),
                    schedule.startAt().toString(), null, null);
            case CRON -> new ScheduleSpec("cron", null, null, schedule.cron(), schedule.timezone().getId());
        };
    }
}
