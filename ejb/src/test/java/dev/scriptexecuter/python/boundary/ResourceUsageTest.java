package dev.scriptexecuter.python.boundary;

import dev.scriptexecuter.infrastructure.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceUsageTest {

    @Test
    void theHarnessesFiguresBecomeMillisecondsAndBytes() {
        ResourceUsage usage = ResourceUsage.fromReport(Json.parseObject(
                "{\"userSeconds\": 1.2345, \"systemSeconds\": 0.01, \"maxRssKib\": 20480}"));

        assertThat(usage).isEqualTo(new ResourceUsage(1235L, 10L, 20L * 1024 * 1024));
    }

    @Test
    void whatIsMissingOrNonsenseStaysUnknown() {
        assertThat(ResourceUsage.fromReport(null)).isNull();
        assertThat(ResourceUsage.fromReport(Json.parseObject("{}"))).isNull();
        assertThat(ResourceUsage.fromReport(Json.parseObject("{\"userSeconds\": \"a lot\", \"maxRssKib\": -1}")))
                .isNull();
        assertThat(ResourceUsage.fromReport(Json.parseObject("{\"maxRssKib\": 1}")))
                .isEqualTo(new ResourceUsage(null, null, 1024L));
    }
}
