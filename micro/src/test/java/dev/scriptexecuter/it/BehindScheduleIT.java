package dev.scriptexecuter.it;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A node that has fallen behind its schedules (more scripts due every second
 * than two cores start) still gives every occurrence that came due its row.
 * Once, on H2: the load is the point, not the database.
 */
class BehindScheduleIT extends MicroIT {

    private static final Duration RUN_TIME = Duration.ofSeconds(30);

    private Api api;

    @BeforeEach
    void setUp() {
        api = asAdmin();
    }

    /**
     * Forty scripts due every second on the same grid load the node so that it runs behind its timers;
     * pausing them then must not drop the occurrences that had come due but were not claimed yet: every
     * occurrence between a script's creation and its pause has exactly one row, none after it has any.
     */
    @Test
    void everyOccurrenceThatCameDueBeforeAPauseHasItsRow() throws InterruptedException {
        Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String schedule = "{\"kind\": \"interval\", \"every\": \"PT1S\", \"startAt\": \"" + start + "\"}";
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> api.createScript(
                "{\"name\": \"crowd-%d-%s\", \"mainCode\": %s, \"schedule\": %s}".formatted(i, UUID.randomUUID(),
                        quote("def main(data):\n    pass\n"), schedule))).toList();
        Duration load = Duration.between(Instant.now(), start.plusSeconds(5));
        if (load.isPositive()) {
            Thread.sleep(load);
        }

        Map<String, Instant[]> pauses = new HashMap<>();
        for (String id : ids) {
            Instant before = Instant.now();
            assertThat(api.patch("api/scripts/" + id, "{\"active\": false}").status()).isEqualTo(200);
            pauses.put(id, new Instant[] {before, Instant.now()});
        }
        await().atMost(RUN_TIME.multipliedBy(2)).until(() -> ids.stream().allMatch(id -> api.runsOf(id).stream()
                .allMatch(r -> "FINISHED".equals(r.getString("status")))));

        for (String id : ids) {
            Instant pausedFrom = pauses.get(id)[0];
            Instant pausedBy = pauses.get(id)[1];
            List<Instant> rows = api.runsOf(id).stream().map(r -> Instant.parse(r.getString("scheduledFor"))).sorted()
                    .toList();
            Instant created = Instant.parse(api.get("api/scripts/" + id).json().getString("createdAt"));
            List<Instant> due = Stream.iterate(start, at -> at.isBefore(pausedFrom), at -> at.plusSeconds(1))
                    .filter(at -> at.isAfter(created)).toList();
            assertThat(rows).as("script %s paused between %s and %s", id, pausedFrom, pausedBy)
                    .doesNotHaveDuplicates().containsAll(due)
                    .allSatisfy(at -> assertThat(at).isBeforeOrEqualTo(pausedBy));
        }
    }
}
