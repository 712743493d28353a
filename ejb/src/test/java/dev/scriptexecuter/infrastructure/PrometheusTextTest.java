package dev.scriptexecuter.infrastructure;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusTextTest {

    @Test
    void countersGaugesAndHistogramsAreWrittenInTheExpositionFormatWithTheNode() {
        Histogram durations = new Histogram(0.1, 1, 10);
        for (double seconds : new double[] {0.0625, 0.5, 1, 3, 42}) {
            durations.observe(seconds);
        }
        Map<String, Long> outcomes = new TreeMap<>(Map.of("SUCCEEDED", 4L, "FAILED", 1L));

        String text = new PrometheusText("node \"a\"")
                .counter("ses_runs_total", "Runs by outcome.", "outcome", outcomes)
                .gauge("ses_runs_running", "Runs running.", 2)
                .histogram("ses_run_duration_seconds", "Durations.", durations.snapshot())
                .toString();

        assertThat(text).isEqualTo("""
                # HELP ses_runs_total Runs by outcome.
                # TYPE ses_runs_total counter
                ses_runs_total{node="node \\"a\\"",outcome="FAILED"} 1
                ses_runs_total{node="node \\"a\\"",outcome="SUCCEEDED"} 4
                # HELP ses_runs_running Runs running.
                # TYPE ses_runs_running gauge
                ses_runs_running{node="node \\"a\\""} 2
                # HELP ses_run_duration_seconds Durations.
                # TYPE ses_run_duration_seconds histogram
                ses_run_duration_seconds_bucket{node="node \\"a\\"",le="0.1"} 1
                ses_run_duration_seconds_bucket{node="node \\"a\\"",le="1"} 3
                ses_run_duration_seconds_bucket{node="node \\"a\\"",le="10"} 4
                ses_run_duration_seconds_bucket{node="node \\"a\\"",le="+Inf"} 5
                ses_run_duration_seconds_sum{node="node \\"a\\""} 46.5625
                ses_run_duration_seconds_count{node="node \\"a\\""} 5
                """);
    }

    @Test
    void histogramBoundsMustAscend() {
        assertThatThrownBy(() -> new Histogram(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
