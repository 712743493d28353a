package dev.scriptexecuter.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

class NativeUpdateTest {

    @Test
    void aNullIsWrittenAsNullAndTheOtherValuesStayParametersInOrder() {
        LocalDateTime started = LocalDateTime.of(2026, 12, 6, 8, 0);
        NativeUpdate update = NativeUpdate.of("UPDATE script SET a = ?, b = ?, c = ? WHERE id = ?",
                "run-1", null, started, "script-1");

        assertThat(update.sql()).isEqualTo("UPDATE script SET a = ?, b = NULL, c = ? WHERE id = ?");
        assertThat(update.values()).containsExactly("run-1", started, "script-1");
    }

    @Test
    void withoutNullsTheStatementIsUnchanged() {
        NativeUpdate update = NativeUpdate.of("UPDATE environment SET last_used_at = ? WHERE id = ?", 1L, "e");

        assertThat(update.sql()).isEqualTo("UPDATE environment SET last_used_at = ? WHERE id = ?");
        assertThat(update.values()).containsExactly(1L, "e");
    }

    @Test
    void valuesAndParametersMustMatchInNumber() {
        assertThatThrownBy(() -> NativeUpdate.of("UPDATE t SET a = ? WHERE id = ?", "only-one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("More parameters than the 1 values");
        assertThatThrownBy(() -> NativeUpdate.of("UPDATE t SET a = ?", "one", "two"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values for 1 parameters");
    }
}
