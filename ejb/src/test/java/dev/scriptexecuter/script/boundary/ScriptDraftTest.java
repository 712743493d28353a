package dev.scriptexecuter.script.boundary;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptDraftTest {

    private static final ScriptDraft READ = new ScriptDraft("counter", null, true, "def main(data):\n    pass\n", null,
            null, new ScheduleSpec("interval", "PT10S", null, null, null), Json.createObjectBuilder().add("n", 7).build(),
            null, null, null, null);

    @Test
    void namesTheFieldsAnEditChangedAndNothingElse() {
        ScriptDraft edited = new ScriptDraft("counter", null, true, "def main(data):\n    print(1)\n", null, null,
                new ScheduleSpec("interval", "PT10S", null, null, null), Json.createObjectBuilder().add("n", 7).build(),
                null, null, "a message is not a field", null);
        assertThat(edited.fieldsChangedFrom(READ)).containsExactly("mainCode");
        assertThat(READ.fieldsChangedFrom(READ)).isEmpty();
    }

    @Test
    void dataCountsAsChangedOnlyWhenItsValueDiffers() {
        ScriptDraft sameData = new ScriptDraft("counter", null, true, READ.mainCode(), null, null, READ.schedule(),
                Json.createReader(new java.io.StringReader("{ \"n\" : 7 }")).readObject(), null, null, null, null);
        ScriptDraft otherData = new ScriptDraft("counter", null, false, READ.mainCode(), null, null, READ.schedule(),
                Json.createObjectBuilder().add("n", 8).build(), null, null, null, null);
        assertThat(sameData.fieldsChangedFrom(READ)).isEmpty();
        assertThat(otherData.fieldsChangedFrom(READ)).containsExactlyInAnyOrder("active", "data");
    }

    @Test
    void aDraftKeptAsTextComesBackTheSame() {
        assertThat(ScriptDraft.fromJson(READ.toJson())).isEqualTo(READ);
    }
}
