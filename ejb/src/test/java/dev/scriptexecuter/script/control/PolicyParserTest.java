package dev.scriptexecuter.script.control;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.PolicySpec;
import dev.scriptexecuter.script.entity.RunPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyParserTest {

    private final PolicyParser cut = new PolicyParser(Duration.ofHours(24));

    private static PolicySpec paths(List<String> readOnly, List<String> writable) {
        return new PolicySpec(null, null, null, null, null, null, null, null, null, readOnly, writable, null, null);
    }

    @Test
    void aScriptsOwnPathsAreKeptOnePerEntryWithoutRepeats() {
        RunPolicy policy = cut.parse(paths(List.of("/data/in", "/srv/ref", "/data/in"), List.of("/data/out")), null);
        assertThat(policy.readOnlyPaths()).containsExactly("/data/in", "/srv/ref");
        assertThat(policy.writablePaths()).containsExactly("/data/out");
        assertThat(PolicySpec.of(policy).readOnlyPaths()).containsExactly("/data/in", "/srv/ref");
    }

    @Test
    void pathsLeftOutStayWhileOtherFieldsTakeTheirDefaults() {
        RunPolicy current = cut.parse(paths(List.of("/data/in"), List.of("/data/out")), null);
        RunPolicy next = cut.parse(new PolicySpec("PT5M", null, null, null, null, null, null, null, null, null, null,
                null, null),
                current);
        assertThat(next.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(next.readOnlyPaths()).containsExactly("/data/in");
        assertThat(next.writablePaths()).containsExactly("/data/out");
        assertThat(cut.parse(paths(List.of(), List.of()), current).readOnlyPaths()).as("an empty list clears").isEmpty();
    }

    @Test
    void onlyAbsolutePathsWrittenAsMeantBelowTheRoot() {
        for (String bad : List.of("data/in", "/", "/data/../etc", "/data/./in", "/data/in/", "", "/a\nb",
                "/" + "x".repeat(PolicyParser.MAX_PATH_LENGTH))) {
            assertThatThrownBy(() -> cut.parse(paths(List.of("/ok", bad), null), null)).as(bad)
                    .isInstanceOfSatisfying(RequestRejected.class,
                            e -> assertThat(e.details()).containsEntry("field", "policy.readOnlyPaths[1]"));
        }
        assertThatThrownBy(() -> cut.parse(paths(null, Collections.nCopies(PolicyParser.MAX_PATHS + 1, "/a")), null))
                .isInstanceOfSatisfying(RequestRejected.class,
                        e -> assertThat(e.details()).containsEntry("field", "policy.writablePaths"));
    }
}
