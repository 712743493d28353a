package dev.scriptexecuter.script.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptCodeTest {

    @Test
    void theSameCodeHasTheSameHashAndIsEqual() {
        ScriptCode one = new ScriptCode("def main(data):\n    pass\n", null, "requests==2.31.0\n");
        ScriptCode two = new ScriptCode("def main(data):\n    pass\n", null, "requests==2.31.0\n");

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one.contentHash()).isEqualTo(two.contentHash()).hasSize(64);
    }

    @Test
    void textMovedBetweenThePartsOrAnAbsentPartIsAnotherContent() {
        String hash = new ScriptCode("ab", "c", null).contentHash();

        assertThat(new ScriptCode("a", "bc", null).contentHash()).isNotEqualTo(hash);
        assertThat(new ScriptCode("ab", "c", "").contentHash()).as("empty is not absent").isNotEqualTo(hash);
        assertThat(new ScriptCode("ab", "c", null)).isNotEqualTo(new ScriptCode("ab", "c", ""));
    }
}
