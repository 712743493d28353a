package dev.scriptexecuter.schedule.control;

import dev.scriptexecuter.script.entity.RunPolicy;
import dev.scriptexecuter.script.entity.Schedule;
import dev.scriptexecuter.script.entity.ScheduleKind;
import dev.scriptexecuter.script.entity.Script;
import dev.scriptexecuter.script.entity.Script.ScriptContent;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule stored before its bounds were checked (here an interval of 2^63 seconds) cannot be
 * computed: the script is paused with the reason, instead of its timer failing every second forever.
 */
class UnschedulableScriptTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private final OccurrenceClaim cut = new OccurrenceClaim();
    private Script script;

    @BeforeEach
    void setUp() {
        cut.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cut.em = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{EntityManager.class},
                (proxy, method, args) -> method.getName().equals("find") ? script : null);
    }

    private Script scriptWith(Schedule schedule) {
        Script stored = new Script("stored-long-ago", NOW);
        stored.edit(new ScriptContent("stored-long-ago", null, true, "def main(data):\n    pass\n", null, null, null,
                schedule, RunPolicy.defaults(), "{}", null, java.util.List.of()), NOW);
        stored.planNextFire(NOW);
        return stored;
    }

    @Test
    void aScheduleThatCannotBeComputedPausesItsScriptSayingWhy() {
        script = scriptWith(Schedule.restore(ScheduleKind.INTERVAL, "PT9223372036854775807S",
                LocalDateTime.of(2026, 1, 1, 0, 0), null, null));

        assertThat(cut.pauseIfUnschedulable(script.id())).isTrue();

        assertThat(script.active()).isFalse();
        assertThat(script.nextFireAt()).isNull();
        assertThat(script.pausedReason()).contains("cannot be computed", "PT9223372036854775807S");
    }

    @Test
    void aComputableScheduleIsLeftAlone() {
        script = scriptWith(Schedule.restore(ScheduleKind.INTERVAL, "PT30S", LocalDateTime.of(2026, 1, 1, 0, 0),
                null, null));

        assertThat(cut.pauseIfUnschedulable(script.id())).isFalse();

        assertThat(script.active()).isTrue();
        assertThat(script.pausedReason()).isNull();
    }
}
